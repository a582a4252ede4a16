using PrivateLending.Api.Tests.Security;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// The squatter story of <see cref="AccountTakeoverTests"/> through the whole system: the API over HTTP, the silo
/// executable with local DynamoDB, and every mail (verification links, the "someone tried to register" notice)
/// sent over SMTP to MailDev and read through its REST API, as the address's owner would read it in their inbox.
/// </summary>
public sealed class AccountTakeoverEndToEndTests : IAsyncLifetime
{
    private MailDevServer _mailDev = null!;
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync()
    {
        _mailDev = await MailDevServer.StartAsync();
        _system = await StorageFaultHarness.StartAsync(throughProxy: false, _mailDev.SiloSettings, _mailDev);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _mailDev.DisposeAsync();
    }

    // The story reads every link and notice from MailDev: a mail that went anywhere else would never be found.
    [Fact]
    public Task Squatter_RegistersAnInvitedAddressFirst_OwnerEndsUpHoldingItThroughMailDevAndTheRealSilo() =>
        AccountTakeoverTests.SquatterStoryAsync(_system.Client);
}
