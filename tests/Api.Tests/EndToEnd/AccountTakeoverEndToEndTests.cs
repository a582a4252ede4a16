using PrivateLending.Api.Tests.Security;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// The squatter story of <see cref="AccountTakeoverTests"/> through the whole system: the API over HTTP, the silo
/// executable with local DynamoDB, and every mail (verification links, the "someone tried to register" notice)
/// sent over SMTP and read from the receiving server, as the address's owner would read it.
/// </summary>
public sealed class AccountTakeoverEndToEndTests : IAsyncLifetime
{
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync() => _system = await StorageFaultHarness.StartAsync(throughProxy: false);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public Task Squatter_RegistersAnInvitedAddressFirst_OwnerEndsUpHoldingItOverSmtpAndTheRealSilo() =>
        AccountTakeoverTests.SquatterStoryAsync(_system.Client);
}
