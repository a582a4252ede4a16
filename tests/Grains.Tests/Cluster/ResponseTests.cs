using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class ResponseTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AcceptAsync_InvitedLender_AcceptedLinkedAndMasked()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 400m));
        var lender = LenderFor(email.ToUpperInvariant(), "Ann Lender");

        var result = await grain.AcceptAsync(Respond(lender, created.Participants[0].ParticipantId, accept: true));

        var participant = result.Value.Participant;
        Assert.Equal(ParticipantStatus.Accepted, participant.Status);
        Assert.Equal(lender.UserId, participant.LenderId);
        Assert.Equal("Ann Lender", participant.LenderName);
        Assert.NotNull(participant.RespondedAt);
        Assert.Equal(new MaskedAch("Jane Lender", "checking", "6789"), participant.Ach);
        Assert.Equal(LoanStatus.Pending, result.Value.LoanStatus);
        Assert.Equal(40m, result.Value.Funding.FundingPercentage);
        Assert.Equal(participant.RespondedAt, result.Value.Funding.LastFundingUpdate);
    }

    [Fact]
    public async Task AcceptAsync_AcceptedSumReachesAmount_FundedExactlyThen()
    {
        var (ann, ben) = (Email(), Email());
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(ann, 999.99m), Invite(ben, 0.01m));

        var first = await grain.AcceptAsync(Respond(LenderFor(ann), created.Participants[0].ParticipantId, accept: true));
        var second = await grain.AcceptAsync(Respond(LenderFor(ben), created.Participants[1].ParticipantId, accept: true));

        Assert.Equal(LoanStatus.Pending, first.Value.LoanStatus);
        Assert.False(first.Value.Funding.IsFullyFunded);
        Assert.Equal(99.99m, first.Value.Funding.FundingPercentage);
        Assert.Equal(LoanStatus.Funded, second.Value.LoanStatus);
        Assert.True(second.Value.Funding.IsFullyFunded);
        Assert.Equal(100m, second.Value.Funding.FundingPercentage);
        Assert.Equal(LoanStatus.Funded, (await grain.GetAsync(ViewerOf(borrower)))!.Status);
    }

    [Fact]
    public async Task RespondAsync_SecondAnswer_Conflict()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var lender = LenderFor(email);
        var id = created.Participants[0].ParticipantId;
        await grain.AcceptAsync(Respond(lender, id, accept: true));

        var again = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(lender, id, accept: true)));
        var decline = await Assert.ThrowsAsync<DomainException>(() => grain.DeclineAsync(Respond(lender, id, accept: false)));

        Assert.Equal(DomainErrorCode.Conflict, again.Code);
        Assert.Equal(DomainErrorCode.Conflict, decline.Code);
    }

    [Fact]
    public async Task RespondAsync_NotTheInvitedAccount_NotFoundOrForbidden()
    {
        var (ann, ben) = (Email(), Email());
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(ann, 100m), Invite(ben, 100m));
        var annId = created.Participants[0].ParticipantId;

        var stranger = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(User(), annId, accept: true)));
        var otherLender = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(LenderFor(ben), annId, accept: true)));
        var theBorrower = await Assert.ThrowsAsync<DomainException>(() => grain.DeclineAsync(Respond(borrower, annId, accept: false)));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(borrower, Guid.NewGuid(), accept: true)));

        Assert.Equal(DomainErrorCode.NotFound, stranger.Code);
        Assert.Equal(DomainErrorCode.Forbidden, otherLender.Code);
        Assert.Equal(DomainErrorCode.Forbidden, theBorrower.Code);
        Assert.Equal(DomainErrorCode.NotFound, unknown.Code);
    }

    [Fact]
    public async Task AcceptAsync_SameEmailOtherAccountOnceLinked_Forbidden()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        await grain.LinkLenderAsync(new LinkLender(EmailAddress.Normalize(email), Guid.CreateVersion7(), "Real Owner"));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true)));

        Assert.Equal(DomainErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task AcceptAsync_WithoutBankDetails_Validation()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AcceptAsync(new RespondToInvitation(LenderFor(email), created.Participants[0].ParticipantId, null)));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("ach", error.Errors!.Keys);
    }

    [Fact]
    public async Task RespondAsync_CancelledLoan_Conflict()
    {
        var email = Email();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await grain.CancelAsync(new CancelLoan(borrower, "Changed my mind"));

        var accept = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true)));
        var decline = await Assert.ThrowsAsync<DomainException>(() =>
            grain.DeclineAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: false)));

        Assert.Equal(DomainErrorCode.Conflict, accept.Code);
        Assert.Equal(DomainErrorCode.Conflict, decline.Code);
    }

    [Fact]
    public async Task DeclineAsync_Pending_ContributionStopsCounting()
    {
        var email = Email();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 1000m));

        var result = await grain.DeclineAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: false));
        var added = await grain.AddLendersAsync(Add(borrower, Invite(Email(), 1000m)));

        Assert.Equal(ParticipantStatus.Declined, result.Value.Participant.Status);
        Assert.Null(result.Value.Participant.Ach);
        Assert.Equal(0m, result.Value.Funding.TotalInvited);
        Assert.Equal(1000m, added.Value.Funding.TotalInvited);
    }

    [Fact]
    public async Task AcceptAsync_SameKeyAndHash_ReplayedWithoutWriting()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var command = Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true, Token());
        var first = await grain.AcceptAsync(command);
        var writes = CountingJsonSerializer.Writes<LoanState>();

        var replay = await grain.AcceptAsync(command);

        Assert.True(replay.Replayed);
        Assert.Equal(first.Value.LoanVersion, replay.Value.LoanVersion);
        Assert.Equal(first.Value.Participant.RespondedAt, replay.Value.Participant.RespondedAt);
        Assert.Equal(writes, CountingJsonSerializer.Writes<LoanState>());
    }

    [Fact]
    public async Task AcceptAsync_SameKeyOtherHash_IdempotencyKeyReused()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var lender = LenderFor(email);
        var token = Token("accept-1");
        await grain.AcceptAsync(Respond(lender, created.Participants[0].ParticipantId, accept: true, token));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.DeclineAsync(Respond(lender, created.Participants[0].ParticipantId, accept: false, token with { RequestHash = "decline-1" })));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, error.Code);
    }
}
