using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Servicing;
using static PrivateLending.Grains.Tests.Servicing.ServicingTestData;

namespace PrivateLending.Grains.Tests.Servicing;

public sealed class RepaymentsTests
{
    private static readonly DateOnly FirstDue = Disbursed.AddMonths(1);
    private static readonly DelinquencyRules Rules = DelinquencyRules.Default;

    private static ServicingState Loan() => ServicingTestData.Loan(10_000m, 6m, 12, 5_000m, 3_000m, 2_000m);

    private static RepaymentResult Pay(ServicingState state, decimal amount, DateOnly on, bool payoff = false) =>
        Repayments.Apply(state, Guid.NewGuid(), amount, on, payoff, on, Rules).Result!;

    [Fact]
    public void Apply_OneInstallment_InterestThenPrincipalAndSplitProRata()
    {
        var state = Loan();

        var result = Pay(state, 860.66m, FirstDue);

        Assert.Equal((50.00m, 810.66m, 9_189.34m), (result.Interest, result.Principal, result.OutstandingPrincipal));
        Assert.Equal([25.00m, 15.00m, 10.00m], result.Distributions.Select(d => d.Interest));
        Assert.Equal([405.33m, 243.20m, 162.13m], result.Distributions.Select(d => d.Principal));
        Assert.Equal(ServicingStatus.Active, result.LoanStatus);
        Assert.Equal((1, FirstDue), (result.Sequence, state.Installments[0].PaidOn!.Value));
        Assert.Equal(InstallmentStatus.Paid, ServicingViews.Schedule(state, FirstDue, Rules).Installments[0].Status);
    }

    [Fact]
    public void Apply_LessThanTheInterest_AllToInterestAndInstallmentPartiallyPaid()
    {
        var state = Loan();

        var result = Pay(state, 30m, FirstDue);

        Assert.Equal((30m, 0m), (result.Interest, result.Principal));
        Assert.Equal(InstallmentStatus.PartiallyPaid, ServicingViews.Schedule(state, FirstDue, Rules).Installments[0].Status);
    }

    [Fact]
    public void Apply_MoreThanTwoInstallments_SpillsIntoTheNextInOrder()
    {
        var state = Loan();

        var result = Pay(state, 1_000m, FirstDue);

        Assert.Equal([1, 2], result.Installments.Select(a => a.Number));
        Assert.Equal(result.Installments[1].Interest, state.Installments[1].Interest); // its interest before its principal
        Assert.Equal(1_000m, result.Interest + result.Principal);
    }

    [Fact]
    public void Apply_MoreThanRemains_OverpaymentAndNothingChanges()
    {
        var state = Loan();
        var before = Snapshot(state);
        var all = Repayments.Remaining(state);

        var refused = Assert.Throws<DomainException>(() => Pay(state, all + 0.01m, FirstDue));

        Assert.Equal(DomainErrorCode.Overpayment, refused.Code);
        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void Apply_SameIdAndBody_ReplayedAndNothingChanges()
    {
        var state = Loan();
        var id = Guid.NewGuid();
        var first = Repayments.Apply(state, id, 500m, FirstDue, false, FirstDue, Rules);
        var before = Snapshot(state);

        var replay = Repayments.Apply(state, id, 500m, FirstDue, false, FirstDue.AddDays(3), Rules);

        Assert.Equal((true, first.Sequence, null), (replay.Replayed, replay.Sequence, replay.Result));
        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void Apply_SameIdOtherAmount_IdempotencyKeyReused()
    {
        var state = Loan();
        var id = Guid.NewGuid();
        Repayments.Apply(state, id, 500m, FirstDue, false, FirstDue, Rules);

        var refused = Assert.Throws<DomainException>(() => Repayments.Apply(state, id, 501m, FirstDue, false, FirstDue, Rules));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, refused.Code);
    }

    [Theory]
    [InlineData(-1, "100", "paid_on")]
    [InlineData(1, "100", "paid_on")]
    [InlineData(0, "0", "amount")]
    [InlineData(0, "0.001", "amount")]
    public void Apply_InvalidInput_ValidationNamingTheField(int paidDaysAfterToday, string amount, string field)
    {
        var state = Loan();
        var today = paidDaysAfterToday < 0 ? Disbursed : FirstDue;
        var paidOn = today.AddDays(paidDaysAfterToday);

        var refused = Assert.Throws<DomainException>(() => Repayments.Apply(
            state, Guid.NewGuid(), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), paidOn, false, today, Rules));

        Assert.Equal(DomainErrorCode.Validation, refused.Code);
        Assert.Equal([field], refused.Errors!.Keys);
    }

    [Fact]
    public void Apply_PayoffOfTheQuote_CompletedAndLaterInterestWaived()
    {
        var state = Loan();
        Pay(state, 860.66m, FirstDue);
        var on = FirstDue.AddDays(10);
        var quote = Payoff.Quote(state, on);

        var result = Pay(state, quote.Amount, on, payoff: true);

        Assert.Equal((9_189.34m, 0m, 9_189.34m), (quote.OutstandingPrincipal, quote.InterestDue, quote.Amount));
        Assert.Equal((ServicingStatus.Completed, 0m), (result.LoanStatus, result.OutstandingPrincipal));
        var schedule = ServicingViews.Schedule(state, on, Rules);
        Assert.Equal(50.00m, schedule.TotalInterest);
        Assert.All(schedule.Installments.Skip(1), i => Assert.Equal((0m, InstallmentStatus.Paid, on), (i.Interest, i.Status, i.PaidOn!.Value)));
        Assert.Equal(10_000m, state.Lenders.Sum(l => l.PrincipalReceived));
    }

    [Fact]
    public void Quote_InstallmentDueThatDay_IncludesItsUnpaidInterest()
    {
        var quote = Payoff.Quote(Loan(), FirstDue);

        Assert.Equal((10_000m, 50.00m, 10_050.00m), (quote.OutstandingPrincipal, quote.InterestDue, quote.Amount));
    }

    [Fact]
    public void Apply_PayoffFlaggedWithOtherAmount_PayoffMismatchAndNothingChanges()
    {
        var state = Loan();
        var before = Snapshot(state);

        var refused = Assert.Throws<DomainException>(() => Pay(state, 10_000m, FirstDue, payoff: true));

        Assert.Equal(DomainErrorCode.PayoffMismatch, refused.Code);
        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void Apply_EverythingWithoutPayoffFlag_CompletedWithAllScheduledInterest()
    {
        var state = Loan();
        var all = Repayments.Remaining(state);

        var result = Pay(state, all, FirstDue);

        Assert.Equal(ServicingStatus.Completed, result.LoanStatus);
        Assert.Equal(AmortizationSchedule.Build(10_000m, 6m, 12, Disbursed).TotalInterest, result.Interest);
        Assert.Equal(DomainErrorCode.Overpayment, Assert.Throws<DomainException>(() => Pay(state, 0.01m, FirstDue)).Code);
    }

    [Fact]
    public void Apply_OneCentLoan_OnlyTheLastInstallmentTakesIt()
    {
        var state = ServicingTestData.Loan(0.01m, 6m, 12, 0.01m);

        var result = Pay(state, 0.01m, FirstDue);

        Assert.Equal([12], result.Installments.Select(a => a.Number));
        Assert.Equal(ServicingStatus.Completed, result.LoanStatus);
    }
}
