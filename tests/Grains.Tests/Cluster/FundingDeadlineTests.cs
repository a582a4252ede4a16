using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>A loan still PENDING at its funding deadline expires by itself and leaves the lenders' dashboards.</summary>
[Collection(ClusterTests.Name)]
public sealed class FundingDeadlineTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task CreateAsync_NoDeadline_GetsDefaultShownOnTheLoan()
    {
        var before = DateTimeOffset.UtcNow;
        var (_, view) = await CreateLoanAsync(_grains, User());

        Assert.NotNull(view.FundingDeadline);
        Assert.InRange(view.FundingDeadline!.Value, before.AddDays(LoanLimits.DefaultFundingDays), DateTimeOffset.UtcNow.AddDays(LoanLimits.DefaultFundingDays));
    }

    [Fact]
    public async Task CreateAsync_DeadlineTooFar_InvalidAndNothingStored()
    {
        var borrower = User();
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(Create(borrower) with { FundingDeadline = DateTimeOffset.UtcNow.AddDays(LoanLimits.MaxFundingDays + 1) }));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Null(await grain.GetAsync(ViewerOf(borrower)));
    }

    [Fact]
    public async Task Deadline_PendingLoan_ExpiresWithdrawsInvitationsAndFreesPortfolio()
    {
        var borrower = User();
        var (accepter, waiter) = (Email(), Email());
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());
        var created = (await grain.CreateAsync(Create(borrower, 1000m, Invite(accepter, 300m), Invite(waiter, 200m))
            with { FundingDeadline = DateTimeOffset.UtcNow.AddSeconds(3) })).Value;
        await grain.AcceptAsync(Respond(LenderFor(accepter), created.Participants[0].ParticipantId, accept: true));
        Assert.Equal(300m, (await Lender(accepter).GetPortfolioAsync(new PageRequest(10))).TotalCommitted);

        var expired = await EventuallyAsync(() => grain.GetAsync(ViewerOf(borrower)), v => v!.Status == LoanStatus.Expired, "the loan expires");

        Assert.Equal(created.FundingDeadline, expired!.FundingDeadline);
        await EventuallyAsync(() => Lender(waiter).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10)), p => p.Items.Length == 0, "pending list drops it");
        var portfolio = await EventuallyAsync(() => Lender(accepter).GetPortfolioAsync(new PageRequest(10)), p => p.TotalCount == 0, "portfolio drops it");
        Assert.Equal(0m, portfolio.TotalCommitted);
        // Still the borrower's, still listed as their history.
        var mine = await _grains.GetGrain<Abstractions.Borrowers.IBorrowerGrain>(borrower.UserId).GetLoansAsync(new PageRequest(10));
        Assert.Equal(LoanStatus.Expired, Assert.Single(mine.Items).Status);
    }

    [Fact]
    public async Task Commands_AfterDeadline_ConflictEvenBeforeTheReminderFires()
    {
        var borrower = User();
        var email = Email();
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());
        var created = (await grain.CreateAsync(Create(borrower, 1000m, Invite(email, 300m))
            with { FundingDeadline = DateTimeOffset.UtcNow.AddSeconds(1) })).Value;
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        // Whichever runs first (timer, reminder or this command) expires the loan; the command never succeeds.
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true)));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
        Assert.Equal(DomainErrorCode.Conflict, (await Assert.ThrowsAsync<DomainException>(() => grain.CancelAsync(new CancelLoan(borrower, "late")))).Code);
        Assert.Equal(LoanStatus.Expired, (await grain.GetAsync(ViewerOf(borrower)))!.Status);
    }

    [Fact]
    public async Task Deadline_FundedLoan_StaysFunded()
    {
        var borrower = User();
        var email = Email();
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());
        var created = (await grain.CreateAsync(Create(borrower, 300m, Invite(email, 300m))
            with { FundingDeadline = DateTimeOffset.UtcNow.AddSeconds(2) })).Value;
        await grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await ClusterFixture.DeactivateAsync(grain);

        Assert.Equal(LoanStatus.Funded, (await grain.GetAsync(ViewerOf(borrower)))!.Status);
    }

    private IInvitationIndexGrain Lender(string email) => _grains.GetGrain<IInvitationIndexGrain>(Key(email));
}
