using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task RegisterAsync_NewEmail_AccountWithUserRole()
    {
        var email = Email("New");

        var result = await Account(email).RegisterAsync(new RegisterUser($" {email} ", " Ann ", "hash"));
        var credentials = await Account(email).GetCredentialsAsync();

        Assert.False(result.Replayed);
        Assert.Equal(email, result.Value.Email);
        Assert.Equal("Ann", result.Value.Name);
        Assert.Equal(["user"], result.Value.Roles.ToArray());
        Assert.NotEqual(Guid.Empty, result.Value.UserId);
        Assert.Equal("hash", credentials!.PasswordHash);
        Assert.Equal(result.Value.UserId, (await Account(email).GetProfileAsync())!.UserId);
    }

    [Fact]
    public async Task RegisterAsync_VerifiedEmailOtherCase_OwnerKeepsItAndIsTold()
    {
        var email = Email();
        var first = (await Account(email).RegisterAsync(new RegisterUser(email, "First", "hash"))).Value;
        await VerifyAsync(email);

        var upper = email.ToUpperInvariant();
        await Account(upper).RegisterAsync(new RegisterUser(upper, "Second", "hash2"));

        var profile = (await Account(email).GetProfileAsync())!;
        Assert.Equal((first.UserId, "First"), (profile.UserId, profile.Name));
        Assert.Equal("hash", (await Account(email).GetCredentialsAsync())!.PasswordHash);
        await EventuallyAsync(() => Task.FromResult(TestMailbox.Instance.To(email)),
            m => m.Any(x => x.Subject.Contains("tried to register", StringComparison.Ordinal)), "the owner's notice");
    }

    [Fact]
    public async Task RegisterAsync_UnverifiedEmail_ReplacedAndTheFormerHoldersLinkAndSessionsStopWorking()
    {
        var email = Email("squat");
        var squatter = (await Account(email).RegisterAsync(new RegisterUser(email, "Squatter", "hash-s"))).Value;
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out _, out var squattersSecret));
        var session = (await Account(email).OpenSessionAsync("hash-s"))!;

        var owner = (await Account(email).RegisterAsync(new RegisterUser(email, "Owner", "hash-o"))).Value;

        Assert.NotEqual(squatter.UserId, owner.UserId);
        Assert.False(await Account(email).VerifyEmailAsync(squatter.UserId, squattersSecret));
        Assert.False(await Account(email).IsSessionActiveAsync(squatter.UserId, session.SessionId));
        Assert.Null(await Account(email).OpenSessionAsync("hash-s"));
        Assert.Equal("Owner", (await Account(email).GetProfileAsync())!.Name);
    }

    [Fact]
    public async Task VerifyEmailAsync_RightSecretOtherAccount_False()
    {
        var email = Email();
        await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash"));
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out _, out var secret));

        Assert.False(await Account(email).VerifyEmailAsync(Guid.NewGuid(), secret));
        Assert.False((await Account(email).GetProfileAsync())!.EmailVerified);
    }

    [Fact]
    public async Task RegisterAsync_SameTokenAndHash_Replayed()
    {
        var email = Email();
        var token = Token();
        var first = await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash", token));

        var replay = await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash-of-retry", token));

        Assert.True(replay.Replayed);
        Assert.Equal(first.Value.UserId, replay.Value.UserId);
    }

    [Fact]
    public async Task RegisterAsync_SameTokenOtherHash_IdempotencyKeyReused()
    {
        var email = Email();
        var token = Token("a");
        await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash", token));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash", token with { RequestHash = "b" })));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, error.Code);
    }

    [Fact]
    public async Task RegisterAsync_EmailNotThisGrainsKey_Validation()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Account(Email()).RegisterAsync(new RegisterUser(Email(), "Ann", "hash")));

        Assert.Contains("email", error.Errors!.Keys);
    }

    [Fact]
    public async Task GetCredentialsAsync_NoAccount_Null()
    {
        Assert.Null(await Account(Email()).GetCredentialsAsync());
        Assert.Null(await Account(Email()).GetProfileAsync());
    }

    [Fact]
    public async Task RegisterAsync_AfterBeingInvited_ParticipantLinkedAndInvitationVisible()
    {
        var email = Email("x");
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 500m));

        var account = (await Account(email).RegisterAsync(new RegisterUser(email, "Xavier", "hash"))).Value;
        Assert.Null((await grain.GetAsync(ViewerOf(borrower)))!.Participants[0].LenderId);
        await VerifyAsync(email);

        var participant = (await EventuallyAsync(
            () => grain.GetAsync(ViewerOf(borrower)), v => v!.Participants[0].LenderId is not null, "the participant to be linked"))!.Participants[0];
        Assert.Equal(account.UserId, participant.LenderId);
        Assert.Equal("Xavier", participant.LenderName);
        var invitations = await _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(20));
        Assert.Equal(created.LoanId, Assert.Single(invitations.Items).Participant.LoanId);
        var lender = new Actor(account.UserId, email, "Xavier", EmailVerified: true);
        var accepted = await grain.AcceptAsync(Respond(lender, participant.ParticipantId, accept: true));
        Assert.Equal(ParticipantStatus.Accepted, accepted.Value.Participant.Status);
    }

    [Fact]
    public async Task AddLendersAsync_AlreadyRegisteredEmail_ParticipantLinkedSoonAfter()
    {
        var email = Email();
        var account = (await Account(email).RegisterAsync(new RegisterUser(email, "Yolanda", "hash"))).Value;
        await VerifyAsync(email);
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        await grain.AddLendersAsync(Add(borrower, Invite(email, 100m)));

        var view = await EventuallyAsync(
            () => grain.GetAsync(ViewerOf(borrower)), v => v!.Participants[0].LenderId is not null, "the new participant to be linked");
        Assert.Equal(account.UserId, view!.Participants[0].LenderId);
        Assert.Equal("Yolanda", view.Participants[0].LenderName);
    }

    [Fact]
    public async Task RegisterAsync_InvitedEmailNotVerified_NotLinkedAndUnverified()
    {
        var email = Email("squat");
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 500m));

        var squatter = (await Account(email).RegisterAsync(new RegisterUser(email, "Squatter", "hash"))).Value;
        await TestMailbox.Instance.VerificationTokenAsync(email);

        Assert.False(squatter.EmailVerified);
        Assert.Null((await grain.GetAsync(ViewerOf(borrower)))!.Participants[0].LenderId);
        Assert.False(await Account(email).VerifyEmailAsync(squatter.UserId, "not-the-secret"));
        Assert.False((await Account(email).GetProfileAsync())!.EmailVerified);
    }

    [Fact]
    public async Task VerifyEmailAsync_TokenFromMail_VerifiedAndIdempotent()
    {
        var email = Email();
        var user = (await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash"))).Value;
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out var key, out var secret));

        Assert.Equal(Key(email), key);
        Assert.DoesNotContain(EmailAddress.Normalize(email), key, StringComparison.Ordinal);
        Assert.True(await Account(email).VerifyEmailAsync(user.UserId, secret));
        Assert.True(await Account(email).VerifyEmailAsync(user.UserId, secret));
        Assert.True((await Account(email).GetProfileAsync())!.EmailVerified);
    }

    [Fact]
    public async Task ResendVerificationAsync_WithinAMinute_AskedToWait()
    {
        var email = Email();
        await Account(email).RegisterAsync(new RegisterUser(email, "Ann", "hash"));

        var wait = await Account(email).ResendVerificationAsync();

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    private async Task VerifyAsync(string email)
    {
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out _, out var secret));
        Assert.True(await Account(email).VerifyEmailAsync((await Account(email).GetProfileAsync())!.UserId, secret));
    }

    private IAccountGrain Account(string email) => _grains.GetGrain<IAccountGrain>(Key(email));
}
