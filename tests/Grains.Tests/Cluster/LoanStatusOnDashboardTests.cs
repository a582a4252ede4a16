using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// What a lender's dashboard shows once a loan is CANCELLED or FUNDED: the loan tells every lender index, pending
/// lists drop invitations that can no longer be answered, the portfolio counts only live commitments.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LoanStatusOnDashboardTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task CancelAsync_PendingInvitation_LeavesPendingListKeptInAllEvenAfterReload()
    {
        var email = Email();
        var borrower = User();
        var (_, open) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var (cancelled, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 200m));

        await cancelled.CancelAsync(new CancelLoan(borrower, "no longer needed"));

        // One item per page: had the index not learnt of the cancellation, the first page would hold the cancelled
        // (newer) invitation, leave it out as the loan reports it cancelled, and come back empty with more to read.
        await AssertPendingIsOnlyAsync(email, open.LoanId);
        await ClusterFixture.DeactivateAsync(Lender(email));
        await AssertPendingIsOnlyAsync(email, open.LoanId);
        var all = await Lender(email).GetInvitationsAsync(null, new PageRequest(10));
        Assert.Equal(2, all.Items.Length);
        Assert.Equal(LoanStatus.Cancelled, all.Items[0].LoanStatus);
        Assert.Equal(ParticipantStatus.Pending, all.Items[0].Participant.Status);
    }

    [Fact]
    public async Task CancelAsync_AcceptedParticipation_LeavesPortfolioKeptInAcceptedList()
    {
        var email = Email();
        var lender = LenderFor(email);
        var borrower = User();
        var (kept, keptView) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 250m));
        await kept.AcceptAsync(Respond(lender, keptView.Participants[0].ParticipantId, accept: true));
        var (cancelled, cancelledView) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m), Invite(Email(), 50m));
        await cancelled.AcceptAsync(Respond(lender, cancelledView.Participants[0].ParticipantId, accept: true));
        Assert.Equal(350m, (await Lender(email).GetPortfolioAsync(new PageRequest(10))).TotalCommitted);

        await cancelled.CancelAsync(new CancelLoan(borrower, "found other financing"));

        var portfolio = await Lender(email).GetPortfolioAsync(new PageRequest(1));
        Assert.Equal(250m, portfolio.TotalCommitted);
        Assert.Equal(1, portfolio.TotalCount);
        Assert.Equal(kept.GetPrimaryKey(), Assert.Single(portfolio.Page.Items).Participant.LoanId);
        Assert.False(portfolio.Page.HasMore);
        var accepted = await Lender(email).GetInvitationsAsync(ParticipantStatus.Accepted, new PageRequest(10));
        Assert.Equal([LoanStatus.Cancelled, LoanStatus.Pending], accepted.Items.Select(i => i.LoanStatus));
        Assert.All(accepted.Items, i => Assert.Equal(ParticipantStatus.Accepted, i.Participant.Status));

        await ClusterFixture.DeactivateAsync(Lender(email));
        var reloaded = await Lender(email).GetPortfolioAsync(new PageRequest(10));
        Assert.Equal((250m, 1), (reloaded.TotalCommitted, reloaded.TotalCount));
    }

    [Fact]
    public async Task CancelAsync_DeclinedParticipation_KeptInDeclinedListWithLoanCancelled()
    {
        var email = Email();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await grain.DeclineAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: false));

        await grain.CancelAsync(new CancelLoan(borrower, "no longer needed"));

        var declined = await Lender(email).GetInvitationsAsync(ParticipantStatus.Declined, new PageRequest(10));
        Assert.Equal(LoanStatus.Cancelled, Assert.Single(declined.Items).LoanStatus);
    }

    [Fact]
    public async Task CancelAsync_ParticipantsInEveryStatus_EachLenderIndexToldOnce()
    {
        var emails = new[] { Email(), Email(), Email() };
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, [.. emails.Select(e => Invite(e, 100m))]);
        await grain.AcceptAsync(Respond(LenderFor(emails[1]), created.Participants[1].ParticipantId, accept: true));
        await grain.DeclineAsync(Respond(LenderFor(emails[2]), created.Participants[2].ParticipantId, accept: false));
        var before = emails.Select(e => TestCallFilter.CallCount("UpsertAsync", Key(e))).ToArray();

        await grain.CancelAsync(new CancelLoan(borrower, "no longer needed"));

        Assert.Equal(before.Select(n => n + 1), emails.Select(e => TestCallFilter.CallCount("UpsertAsync", Key(e))));
    }

    [Fact]
    public async Task CancelAsync_LenderIndexDownAtCancel_ToldByRetryThenPendingListEmpty()
    {
        var email = Email();
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        TestCallFilter.Fail("UpsertAsync", Key(email), 1);

        await grain.CancelAsync(new CancelLoan(borrower, "no longer needed"));

        await EventuallyAsync(
            () => Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(1)),
            page => page.Items.Length == 1 && page.Items[0].Participant.LoanId != grain.GetPrimaryKey() && !page.HasMore,
            "the retried cancellation update");
    }

    [Fact]
    public async Task AcceptAsync_LastAcceptanceFundsLoan_NoInvitationLeftPendingAnywhere()
    {
        // 600 + 400 invited for 1,000; the 400 declines and is replaced by two of 200: non-declined never exceeds
        // the amount, so when accepted reaches it nothing can still be pending.
        var borrower = User();
        var emails = new[] { Email(), Email(), Email(), Email() };
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(emails[0], 600m), Invite(emails[1], 400m));
        await grain.DeclineAsync(Respond(LenderFor(emails[1]), created.Participants[1].ParticipantId, accept: false));
        var added = (await grain.AddLendersAsync(Add(borrower, Invite(emails[2], 200m), Invite(emails[3], 200m)))).Value.Added;
        var overFunding = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(borrower, Invite(Email(), 0.01m))));
        Assert.Equal(DomainErrorCode.OverFunding, overFunding.Code);

        await grain.AcceptAsync(Respond(LenderFor(emails[0]), created.Participants[0].ParticipantId, accept: true));
        await grain.AcceptAsync(Respond(LenderFor(emails[2]), added[0].ParticipantId, accept: true));
        var last = await grain.AcceptAsync(Respond(LenderFor(emails[3]), added[1].ParticipantId, accept: true));

        Assert.Equal(LoanStatus.Funded, last.Value.LoanStatus);
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;
        Assert.DoesNotContain(view.Participants, p => p.Status == ParticipantStatus.Pending);
        Assert.Equal(0, view.Funding.PendingParticipantCount);
        foreach (var email in emails)
        {
            Assert.Empty((await Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10))).Items);
        }

        var funded = await Lender(emails[3]).GetPortfolioAsync(new PageRequest(10));
        Assert.Equal(LoanStatus.Funded, Assert.Single(funded.Page.Items).LoanStatus);
        Assert.Equal(200m, funded.TotalCommitted);
        var closed = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersAsync(Add(borrower, Invite(Email(), 1m))));
        Assert.Equal(DomainErrorCode.Conflict, closed.Code);
    }

    private async Task AssertPendingIsOnlyAsync(string email, Guid loanId)
    {
        var page = await Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(1));
        Assert.Equal(loanId, Assert.Single(page.Items).Participant.LoanId);
        Assert.False(page.HasMore);
    }

    private IInvitationIndexGrain Lender(string email) => _grains.GetGrain<IInvitationIndexGrain>(Key(email));
}
