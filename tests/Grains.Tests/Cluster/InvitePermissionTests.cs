using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// The verified-email rule is the loan grain's own: every command that invites or answers refuses an actor who has
/// not proved their address, whichever route called it, and leaves the loan as it was.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class InvitePermissionTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task InvitingCommands_UnverifiedBorrower_RefusedWithEmailNotVerifiedAndNothingChanges()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m);
        var unverified = Unverified(borrower);
        var invite = new AddLenders(unverified, [Invite(Email("lender"), 10m)]);

        var add = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(invite));
        var batch = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersBatchAsync(invite));
        var create = await Assert.ThrowsAsync<DomainException>(() =>
            _grains.GetGrain<ILoanGrain>(Guid.NewGuid()).CreateAsync(Create(unverified, 1000m, Invite(Email("lender"), 10m))));

        Assert.All([add, batch, create], refused => Assert.Equal(DomainErrorCode.EmailNotVerified, refused.Code));
        var loan = await grain.GetAsync(ViewerOf(borrower));
        Assert.Equal((created.Version, 0), (loan!.Version, loan.Participants.Length));
    }

    [Fact]
    public async Task Answers_UnverifiedLender_RefusedWithEmailNotVerified()
    {
        var email = Email("lender");
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var lender = Unverified(LenderFor(email));
        var participant = created.Participants[0].ParticipantId;

        var accept = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(lender, participant, accept: true)));
        var decline = await Assert.ThrowsAsync<DomainException>(() => grain.DeclineAsync(Respond(lender, participant, accept: false)));

        Assert.Equal((DomainErrorCode.EmailNotVerified, DomainErrorCode.EmailNotVerified), (accept.Code, decline.Code));
    }

    [Fact]
    public async Task CreateAsync_UnverifiedBorrowerWithoutLenders_Created()
    {
        var (_, created) = await CreateLoanAsync(_grains, Unverified(User()), 1000m);

        Assert.Equal(1, created.Version);
    }
}
