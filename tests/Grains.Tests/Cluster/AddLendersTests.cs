using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class AddLendersTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AddLendersAsync_ValidLenders_AddedWithStableIdsAndVersionBump()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var result = await grain.AddLendersAsync(Add(borrower, Invite(Email(), 100m), Invite(Email(), 200m)));
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;

        Assert.False(result.Replayed);
        Assert.Equal(2, result.Value.Version);
        Assert.Equal(result.Value.Added.Select(p => p.ParticipantId), view.Participants.Select(p => p.ParticipantId));
        Assert.Equal(300m, result.Value.Funding.TotalInvited);
    }

    [Fact]
    public async Task AddLendersAsync_EmailAlreadyInvitedInOtherCase_DuplicateLenderAndNothingChanged()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite(Email(), 10m), Invite($" {email.ToUpperInvariant()}", 10m))));

        Assert.Equal(DomainErrorCode.DuplicateLender, error.Code);
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal(created.Version, view.Version);
        Assert.Single(view.Participants);
    }

    [Fact]
    public async Task AddLendersAsync_SameEmailTwiceInRequest_DuplicateLender()
    {
        var borrower = User();
        var email = Email();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite(email, 10m), Invite(email, 20m))));

        Assert.Equal(DomainErrorCode.DuplicateLender, error.Code);
    }

    [Fact]
    public async Task AddLendersAsync_EmailThatDeclined_InvitedAgain()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await grain.DeclineAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: false));

        var result = await grain.AddLendersAsync(Add(borrower, Invite(email, 900m)));

        Assert.Equal(900m, result.Value.Funding.TotalInvited);
        Assert.NotEqual(created.Participants[0].ParticipantId, result.Value.Added[0].ParticipantId);
    }

    [Fact]
    public async Task AddLendersAsync_BorrowerEmail_ValidationOnThatField()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite(Email(), 10m), Invite(borrower.Email.ToUpperInvariant(), 10m))));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal(["lenders[1].email"], error.Errors!.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public async Task AddLendersAsync_OutsideOneToTwenty_Validation(int count)
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 10_000m);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(new AddLenders(borrower, Invites(count, 1m))));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("lenders", error.Errors!.Keys);
    }

    [Fact]
    public async Task AddLendersAsync_TwentyLenders_Accepted()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 10_000m);

        var result = await grain.AddLendersAsync(new AddLenders(borrower, Invites(20, 1m)));

        Assert.Equal(20, result.Value.Added.Length);
    }

    [Fact]
    public async Task AddLendersAsync_BadEmailOrAmount_ValidationPerField()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite("not-an-email", 10m), Invite(Email(), 0m), Invite(Email(), 1.001m))));

        Assert.Equal(["lenders[0].email", "lenders[1].amount", "lenders[2].amount"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task AddLendersAsync_PastTheAmount_OverFundingAndNothingChanged()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 600m));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite(Email(), 300m), Invite(Email(), 100.01m))));

        Assert.Equal(DomainErrorCode.OverFunding, error.Code);
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal(created.Version, view.Version);
        Assert.Equal(600m, view.Funding.TotalInvited);
    }

    [Fact]
    public async Task AddLendersAsync_UpToTheAmount_Allowed()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 600m));

        var result = await grain.AddLendersAsync(Add(borrower, Invite(Email(), 400m)));

        Assert.Equal(1000m, result.Value.Funding.TotalInvited);
    }

    [Fact]
    public async Task AddLendersAsync_NotTheBorrower_NotFoundForStrangersForbiddenForParticipants()
    {
        var lender = Email();
        var (grain, _) = await CreateLoanAsync(_grains, User(), 1000m, Invite(lender, 100m));

        var stranger = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(User(), Invite(Email(), 1m))));
        var participant = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(LenderFor(lender), Invite(Email(), 1m))));
        var noLoan = await Assert.ThrowsAsync<DomainException>(() =>
            _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7()).AddLendersAsync(Add(User(), Invite(Email(), 1m))));

        Assert.Equal(DomainErrorCode.NotFound, stranger.Code);
        Assert.Equal(DomainErrorCode.Forbidden, participant.Code);
        Assert.Equal(DomainErrorCode.NotFound, noLoan.Code);
    }

    [Fact]
    public async Task AddLendersAsync_CancelledLoan_Conflict()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);
        await grain.CancelAsync(new CancelLoan(borrower, "No longer needed"));

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(borrower, Invite(Email(), 1m))));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task AddLendersAsync_FundedLoan_Conflict()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 100m, Invite(email, 100m));
        await grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true));

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(borrower, Invite(Email(), 0.01m))));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task AddLendersAsync_BeyondParticipantCap_Conflict()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 10_000m);
        for (var i = 0; i < LoanLimits.MaxParticipants / 20; i++)
        {
            await grain.AddLendersAsync(new AddLenders(borrower, Invites(20, 1m)));
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(borrower, Invite(Email(), 1m))));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
        Assert.Equal(LoanLimits.MaxParticipants, (await grain.GetAsync(ViewerOf(borrower)))!.Participants.Length);
    }

    [Fact]
    public async Task AddLendersAsync_SameKeyAndHash_ReplayedWithoutAddingAgain()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);
        var token = Token();
        var command = Add(borrower, Invite(Email(), 100m)) with { Idempotency = token };
        var first = await grain.AddLendersAsync(command);
        var writes = CountingJsonSerializer.Writes<LoanState>();

        var replay = await grain.AddLendersAsync(command);

        Assert.True(replay.Replayed);
        Assert.Equal(first.Value.Added[0].ParticipantId, replay.Value.Added[0].ParticipantId);
        Assert.Equal(first.Value.Version, replay.Value.Version);
        Assert.Single((await grain.GetAsync(ViewerOf(borrower)))!.Participants);
        Assert.Equal(writes, CountingJsonSerializer.Writes<LoanState>());
    }

    [Fact]
    public async Task AddLendersAsync_SameKeyOtherHash_IdempotencyKeyReused()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);
        var token = Token("first");
        await grain.AddLendersAsync(Add(borrower, Invite(Email(), 100m)) with { Idempotency = token });

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AddLendersAsync(Add(borrower, Invite(Email(), 5m)) with { Idempotency = token with { RequestHash = "second" } }));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, error.Code);
    }
}
