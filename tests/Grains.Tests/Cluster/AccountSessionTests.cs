using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Sessions, password change and reset, events tickets: what ends a session and what proves an inbox.</summary>
[Collection(ClusterTests.Name)]
public sealed class AccountSessionTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task RefreshSessionAsync_RotatedSecretUsedAgain_EndsTheSession()
    {
        var (account, _) = await NewAccountAsync();
        var first = (await account.OpenSessionAsync("hash"))!;
        var second = (await account.RefreshSessionAsync(first.SessionId, first.RefreshSecret))!;

        var reused = await account.RefreshSessionAsync(first.SessionId, first.RefreshSecret);

        Assert.Null(reused);
        Assert.False(await account.IsSessionActiveAsync(first.Profile.UserId, first.SessionId));
        Assert.Null(await account.RefreshSessionAsync(second.SessionId, second.RefreshSecret));
    }

    [Fact]
    public async Task RefreshSessionAsync_WrongSecret_NullAndTheSessionStays()
    {
        var (account, _) = await NewAccountAsync();
        var session = (await account.OpenSessionAsync("hash"))!;

        Assert.Null(await account.RefreshSessionAsync(session.SessionId, "guessed"));
        Assert.True(await account.IsSessionActiveAsync(session.Profile.UserId, session.SessionId));
    }

    [Fact]
    public async Task ChangePasswordAsync_CurrentHash_EndsEverySessionAndOnlyTheNewPasswordOpensOne()
    {
        var (account, user) = await NewAccountAsync();
        var one = (await account.OpenSessionAsync("hash"))!;
        var two = (await account.OpenSessionAsync("hash"))!;

        Assert.False(await account.ChangePasswordAsync(user.UserId, "stale-hash", "new-hash"));
        Assert.True(await account.ChangePasswordAsync(user.UserId, "hash", "new-hash"));

        Assert.False(await account.IsSessionActiveAsync(user.UserId, one.SessionId));
        Assert.False(await account.IsSessionActiveAsync(user.UserId, two.SessionId));
        Assert.Null(await account.OpenSessionAsync("hash"));
        Assert.NotNull(await account.OpenSessionAsync("new-hash"));
    }

    [Fact]
    public async Task ResetPasswordAsync_UnverifiedAccount_NewIdentityVerifiedSessionsEndedAndSingleUse()
    {
        var (account, squatter) = await NewAccountAsync();
        var session = (await account.OpenSessionAsync("hash"))!;
        await account.RequestPasswordResetAsync();
        var email = squatter.Email;
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.ResetTokenAsync(email), out var key, out var secret));
        Assert.Equal(Key(email), key);

        Assert.True(await account.CheckPasswordResetAsync(secret));
        Assert.True(await account.ResetPasswordAsync(secret, "owners-hash"));

        var owner = (await account.GetProfileAsync())!;
        Assert.True(owner.EmailVerified);
        Assert.NotEqual(squatter.UserId, owner.UserId);
        Assert.False(await account.IsSessionActiveAsync(squatter.UserId, session.SessionId));
        Assert.False(await account.ResetPasswordAsync(secret, "again"));
        Assert.Null(await account.OpenSessionAsync("hash"));
        Assert.NotNull(await account.OpenSessionAsync("owners-hash"));
    }

    [Fact]
    public async Task RequestPasswordResetAsync_NoAccount_NoMail()
    {
        var email = Email("nobody");

        await _grains.GetGrain<IAccountGrain>(Key(email)).RequestPasswordResetAsync();

        Assert.Empty(TestMailbox.Instance.To(email));
    }

    [Fact]
    public async Task UseEventsTicketAsync_SecondUse_False()
    {
        var (account, _) = await NewAccountAsync();
        var ticket = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(1);

        Assert.True(await account.UseEventsTicketAsync(ticket, expires));
        Assert.False(await account.UseEventsTicketAsync(ticket, expires));
        Assert.False(await account.UseEventsTicketAsync(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    private async Task<(IAccountGrain Account, UserProfile User)> NewAccountAsync()
    {
        var email = Email("session");
        var account = _grains.GetGrain<IAccountGrain>(Key(email));
        var user = (await account.RegisterAsync(new RegisterUser(email, "Sam", "hash"))).Value;
        return (account, user);
    }
}
