using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Servicing;
using static PrivateLending.Grains.Tests.Servicing.ServicingTestData;

namespace PrivateLending.Grains.Tests.Servicing;

public sealed class DelinquencyTests
{
    private static readonly DateOnly FirstDue = Disbursed.AddMonths(1);
    private static readonly DelinquencyRules Rules = DelinquencyRules.Default;

    private static ServicingState Loan() => ServicingTestData.Loan(1_200m, 0m, 12, 1_200m);

    private static void Pay(ServicingState state, decimal amount, DateOnly paidOn, DateOnly today) =>
        Repayments.Apply(state, Guid.NewGuid(), amount, paidOn, false, today, Rules);

    [Theory]
    [InlineData(-1, InstallmentStatus.Due)]
    [InlineData(0, InstallmentStatus.Due)]
    [InlineData(4, InstallmentStatus.Due)]
    [InlineData(5, InstallmentStatus.Late)]
    public void StatusOf_UnpaidInstallment_LateFromTheGracePeriodsLastDay(int daysAfterDue, InstallmentStatus expected) =>
        Assert.Equal(expected, Delinquency.StatusOf(Loan().Installments[0], FirstDue.AddDays(daysAfterDue), Rules));

    [Fact]
    public void StatusOf_PartlyPaidWithinGrace_PartiallyPaidThenLate()
    {
        var state = Loan();
        Pay(state, 40m, FirstDue, FirstDue);

        Assert.Equal(InstallmentStatus.PartiallyPaid, Delinquency.StatusOf(state.Installments[0], FirstDue.AddDays(4), Rules));
        Assert.Equal(InstallmentStatus.Late, Delinquency.StatusOf(state.Installments[0], FirstDue.AddDays(5), Rules));
    }

    [Theory]
    [InlineData(-3, 0)]
    [InlineData(0, 0)]
    [InlineData(10, 10)]
    public void Evaluate_OldestUnpaid_DaysPastDueSinceItsDueDate(int daysAfterDue, int expected) =>
        Assert.Equal(expected, Delinquency.Evaluate(Loan(), FirstDue.AddDays(daysAfterDue), Rules).DaysPastDue);

    [Fact]
    public void Evaluate_FirstPaidSecondOverdue_CountsFromTheSecond()
    {
        var state = Loan();
        Pay(state, 100m, FirstDue, FirstDue);

        Assert.Equal(3, Delinquency.Evaluate(state, FirstDue.AddMonths(1).AddDays(3), Rules).DaysPastDue);
    }

    [Theory]
    [InlineData(89, ServicingStatus.Active)]
    [InlineData(90, ServicingStatus.Defaulted)]
    public void Evaluate_DaysPastDue_DefaultedFromTheThreshold(int daysAfterDue, ServicingStatus expected) =>
        Assert.Equal(expected, Delinquency.Evaluate(Loan(), FirstDue.AddDays(daysAfterDue), Rules).Status);

    [Fact]
    public void Evaluate_DefaultedThenArrearsPaid_StaysDefaultedAndRepaymentsAccepted()
    {
        var state = Loan();
        var today = FirstDue.AddDays(95);

        Pay(state, 400m, today, today); // every installment due by then, and more

        var report = Delinquency.Evaluate(state, today, Rules);
        Assert.Equal((ServicingStatus.Defaulted, 0), (report.Status, report.DaysPastDue));
    }

    [Fact]
    public void Evaluate_ArrearsPaidOnTimeButRecordedLate_NotDefaulted()
    {
        var state = Loan();
        var today = FirstDue.AddDays(120);

        Pay(state, 500m, FirstDue, today); // the payment date is when the money came, not when it was booked

        Assert.Equal(ServicingStatus.Active, Delinquency.Evaluate(state, today, Rules).Status);
    }

    [Fact]
    public void Evaluate_DefaultedThenEverythingPaid_Completed()
    {
        var state = Loan();
        var today = FirstDue.AddDays(200);

        Pay(state, 1_200m, today, today);

        Assert.Equal(new DelinquencyReport(ServicingStatus.Completed, 0), Delinquency.Evaluate(state, today, Rules));
    }

    [Fact]
    public void Evaluate_OtherThresholds_Respected()
    {
        var rules = new DelinquencyRules(GracePeriodDays: 10, DefaultAfterDays: 30);
        var state = Loan();

        Assert.Equal(InstallmentStatus.Due, Delinquency.StatusOf(state.Installments[0], FirstDue.AddDays(9), rules));
        Assert.Equal(ServicingStatus.Defaulted, Delinquency.Evaluate(state, FirstDue.AddDays(30), rules).Status);
    }
}
