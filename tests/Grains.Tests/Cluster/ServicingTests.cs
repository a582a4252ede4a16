using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>From funded to repaid: disbursement, the schedule, repayments, lateness, default and completion.</summary>
[Collection(ClusterTests.Name)]
public sealed class ServicingTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task DisburseAsync_FundedLoan_ActiveWithScheduleAndLenderShares()
    {
        var (loan, borrower, lenders) = await FundedLoanAsync();

        var disbursed = (await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today))).Value;

        Assert.Equal(LoanStatus.Active, disbursed.Status);
        Assert.Equal(Today, disbursed.Servicing!.DisbursedOn);
        Assert.Equal(1000m, disbursed.Servicing.OutstandingPrincipal);
        Assert.Equal(Today.AddMonths(1), disbursed.Servicing.NextDueDate);
        Assert.True(disbursed.Funding.IsFullyFunded);
        var schedule = (await Servicing(loan).GetScheduleAsync(ViewerOf(lenders[0])))!;
        Assert.Equal(12, schedule.Installments.Length);
        Assert.All(schedule.Installments, i => Assert.Equal(InstallmentStatus.Due, i.Status));
        var history = (await loan.GetHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!;
        Assert.Equal(LoanEvents.LoanDisbursed, history.Items[^1].Action);
        Assert.Contains(new FieldChange("status", "FUNDED", "ACTIVE"), history.Items[^1].Changes);
    }

    [Fact]
    public async Task DisburseAsync_SameDateAgain_SameAnswerWithoutAWrite()
    {
        var (loan, borrower, _) = await FundedLoanAsync();
        var first = (await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddDays(-1)))).Value;

        var again = (await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddDays(-1)))).Value;

        Assert.Equal(first.Version, again.Version);
        var other = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddDays(-2))));
        Assert.Equal(DomainErrorCode.Conflict, other.Code);
    }

    [Fact]
    public async Task DisburseAsync_NotFundedOrFuture_RefusedAndNothingChanges()
    {
        var borrower = User();
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 1000m));

        var pending = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today)));
        var future = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddDays(1))));

        Assert.Equal(DomainErrorCode.Conflict, pending.Code);
        Assert.Equal(DomainErrorCode.Validation, future.Code);
        Assert.Contains("disbursed_on", future.Errors!.Keys);
        Assert.Equal(created.Version, (await loan.GetAsync(ViewerOf(borrower)))!.Version);
        var schedule = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).GetScheduleAsync(ViewerOf(borrower)));
        Assert.Equal(DomainErrorCode.Conflict, schedule.Code);
    }

    [Fact]
    public async Task DisburseAsync_InThePast_InstallmentsLateRecordedOnce()
    {
        var (loan, borrower, _) = await FundedLoanAsync();

        var disbursed = (await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddMonths(-2).AddDays(-10)))).Value;
        await Reminder(loan).ReceiveReminder(LoanServicingReminder.ReminderName, default);
        await Servicing(loan).GetScheduleAsync(ViewerOf(borrower));

        Assert.Equal(LoanStatus.Active, disbursed.Status);
        Assert.True(disbursed.Servicing!.DaysPastDue >= 38);
        var schedule = (await Servicing(loan).GetScheduleAsync(ViewerOf(borrower)))!;
        Assert.Equal([InstallmentStatus.Late, InstallmentStatus.Late, InstallmentStatus.Due], schedule.Installments.Take(3).Select(i => i.Status));
        var history = (await loan.GetHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!;
        var late = Assert.Single(history.Items, e => e.Action == LoanEvents.InstallmentLate);
        Assert.Equal([new FieldChange("installments[1].status", "DUE", "LATE"), new FieldChange("installments[2].status", "DUE", "LATE")], late.Changes.ToArray());
    }

    [Fact]
    public async Task Reminder_InstallmentUnpaidPastDefaultThreshold_DefaultedOnceAndRepaymentsStillAccepted()
    {
        var (loan, borrower, _) = await FundedLoanAsync();
        await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today.AddMonths(-5)));

        await Reminder(loan).ReceiveReminder(LoanServicingReminder.ReminderName, default);
        await Reminder(loan).ReceiveReminder(LoanServicingReminder.ReminderName, default);

        Assert.Equal(LoanStatus.Defaulted, (await loan.GetAsync(ViewerOf(borrower)))!.Status);
        var history = (await loan.GetHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!;
        Assert.Single(history.Items, e => e.Action == LoanEvents.LoanDefaulted);
        var repaid = (await Servicing(loan).RepayAsync(Repayment(borrower, 100m))).Value;
        Assert.Equal(ServicingStatus.Defaulted, repaid.LoanStatus);
    }

    [Fact]
    public async Task RepayAsync_EverythingOwed_CompletedWithSharesPerLender()
    {
        var (loan, borrower, lenders) = await FundedLoanAsync();
        await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today));
        var payoff = (await Servicing(loan).GetPayoffAsync(ViewerOf(borrower), Today))!;

        var result = (await Servicing(loan).RepayAsync(Repayment(borrower, payoff.Amount) with { Payoff = true, Reference = " tx-1 " })).Value;

        Assert.Equal(1000m, payoff.Amount); // paid off on the disbursement day: no interest due yet
        Assert.Equal(ServicingStatus.Completed, result.LoanStatus);
        Assert.Equal("tx-1", result.Reference);
        Assert.Equal([600m, 400m], result.Distributions.OrderByDescending(d => d.Amount).Select(d => d.Principal));
        var view = (await loan.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal(LoanStatus.Completed, view.Status);
        Assert.Equal(0m, view.Servicing!.OutstandingPrincipal);
        var mine = (await Servicing(loan).GetRepaymentsAsync(ViewerOf(lenders[1]), new PageRequest(10)))!;
        Assert.Equal(lenders[1].UserId, Assert.Single(Assert.Single(mine.Items).Distributions).LenderId);
        var share = (await loan.GetInvitationAsync(view.Participants[1].ParticipantId))!;
        Assert.Equal((0m, 400m, 0m), (share.PrincipalOutstanding, share.PrincipalRepaid, share.InterestReceived));
        var history = (await loan.GetHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!;
        Assert.Equal([LoanEvents.RepaymentReceived, LoanEvents.LoanCompleted], history.Items.TakeLast(2).Select(e => e.Action));
    }

    [Fact]
    public async Task RepayAsync_SameIdAgain_ReplayedFromItsRecordEvenWhenSealed()
    {
        var (loan, borrower, _) = await FundedLoanAsync();
        await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today));
        var first = Repayment(borrower, 10m);
        var original = (await Servicing(loan).RepayAsync(first)).Value;
        for (var i = 0; i < 8; i++)
        {
            await Servicing(loan).RepayAsync(Repayment(borrower, 10m));
        }

        var replay = await Servicing(loan).RepayAsync(first);
        var reused = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).RepayAsync(first with { Amount = 11m }));

        Assert.True(replay.Replayed);
        Assert.Equal(original.Sequence, replay.Value.Sequence);
        Assert.Equal(original.Distributions.ToArray(), replay.Value.Distributions.ToArray());
        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, reused.Code);
        var all = (await Servicing(loan).GetRepaymentsAsync(ViewerOf(borrower), new PageRequest(100)))!;
        Assert.Equal(Enumerable.Range(1, 9), all.Items.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Reads_StrangerOrPendingLender_Null()
    {
        var borrower = User();
        var (invited, accepted) = (Email(), Email());
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(accepted, 999.99m), Invite(invited, 0.01m));
        await loan.AcceptAsync(Respond(LenderFor(accepted), created.Participants[0].ParticipantId, accept: true));

        Assert.Null(await Servicing(loan).GetScheduleAsync(ViewerOf(User())));
        Assert.Null(await Servicing(loan).GetRepaymentsAsync(new Viewer(Guid.NewGuid(), invited), new PageRequest(10)));
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Servicing(loan).DisburseAsync(new DisburseLoan(User(), Today)));
        Assert.Equal(DomainErrorCode.NotFound, stranger.Code);
    }

    private static RecordRepayment Repayment(Actor borrower, decimal amount) => new(borrower, Guid.CreateVersion7(), amount, Today);

    private ILoanServicingGrain Servicing(ILoanGrain loan) => _grains.GetGrain<ILoanServicingGrain>(loan.GetPrimaryKey());

    private static IRemindable Reminder(ILoanGrain loan) => loan.Cast<IRemindable>();

    private async Task<(ILoanGrain Loan, Actor Borrower, Actor[] Lenders)> FundedLoanAsync()
    {
        var borrower = User();
        var (a, b) = (Email(), Email());
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(a, 600m), Invite(b, 400m));
        Actor[] lenders = [LenderFor(a), LenderFor(b)];
        for (var i = 0; i < 2; i++)
        {
            await loan.AcceptAsync(Respond(lenders[i], created.Participants[i].ParticipantId, accept: true));
        }

        return (loan, borrower, lenders);
    }
}
