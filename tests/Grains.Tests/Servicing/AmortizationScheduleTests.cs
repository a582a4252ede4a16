using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Servicing;

public sealed class AmortizationScheduleTests
{
    private static readonly DateOnly Disbursed = new(2025, 1, 15);

    [Fact]
    public void Build_TenThousandAtSixPercentOverTwelve_InstallmentIs860_66()
    {
        var schedule = AmortizationSchedule.Build(10_000m, 6.0m, 12, Disbursed);

        Assert.Equal(860.66m, schedule.InstallmentAmount);
        Assert.Equal(50.00m, schedule.Installments[0].Interest);
        Assert.Equal(810.66m, schedule.Installments[0].Principal);
        Assert.All(schedule.Installments.Take(11), i => Assert.Equal(860.66m, i.Amount));
        Assert.Equal(10_000m, schedule.Installments.Sum(i => i.Principal));
        Assert.Equal(12, schedule.Installments.Length);
    }

    [Fact]
    public void Build_ZeroRate_PrincipalSplitEvenlyAndLastTakesTheRest()
    {
        var schedule = AmortizationSchedule.Build(1_000m, 0m, 3, Disbursed);

        Assert.Equal([333.33m, 333.33m, 333.34m], schedule.Installments.Select(i => i.Principal));
        Assert.All(schedule.Installments, i => Assert.Equal(0m, i.Interest));
        Assert.Equal(333.33m, schedule.InstallmentAmount);
    }

    [Fact]
    public void Build_OneMonth_OneInstallmentOfPrincipalPlusOneMonthsInterest()
    {
        var schedule = AmortizationSchedule.Build(1_200m, 12m, 1, Disbursed);

        var only = Assert.Single(schedule.Installments);
        Assert.Equal((1_200m, 12.00m, 1_212.00m), (only.Principal, only.Interest, only.Amount));
        Assert.Equal(1_212.00m, schedule.InstallmentAmount);
    }

    [Fact]
    public void Build_OneMonthInterestOnHalfCent_RoundsAwayFromZero()
    {
        // 6.00 × 7 % / 12 = 0.035 exactly; dividing the rate first (7/1200 = 0.00583…3) would land just below it.
        var schedule = AmortizationSchedule.Build(6.00m, 7m, 1, Disbursed);

        Assert.Equal(0.04m, schedule.Installments[0].Interest);
        Assert.Equal(6.04m, schedule.InstallmentAmount);
    }

    [Fact]
    public void Build_InstallmentExactlyOnHalfCent_RoundsAwayFromZero()
    {
        // 1,363.50 at 100 % over two months: A = 1,363.50 · (1/12) · 169/25 = 768.105 exactly; r = 1/12 in decimal
        // is inexact, and computing with it gave 768.10.
        var schedule = AmortizationSchedule.Build(1_363.50m, 100m, 2, Disbursed);

        Assert.Equal(768.11m, schedule.InstallmentAmount);
        Assert.Equal(1_363.50m, schedule.Installments.Sum(i => i.Principal));
    }

    [Fact]
    public void Build_480MonthsAtTheHighestRate_PrincipalSumsAndNoLineNegative()
    {
        var schedule = AmortizationSchedule.Build(10_000_000m, 100m, 480, Disbursed);

        Assert.Equal(480, schedule.Installments.Length);
        Assert.Equal(10_000_000m, schedule.Installments.Sum(i => i.Principal));
        Assert.All(schedule.Installments, i => Assert.True(i.Principal >= 0 && i.Interest >= 0));
        Assert.Equal(Disbursed.AddMonths(480), schedule.Installments[^1].DueDate);
    }

    [Fact]
    public void Build_OneCent_OnlyTheLastInstallmentCarriesIt()
    {
        var schedule = AmortizationSchedule.Build(0.01m, 6m, 12, Disbursed);

        Assert.Equal(0m, schedule.InstallmentAmount);
        Assert.All(schedule.Installments.Take(11), i => Assert.Equal((0m, 0m), (i.Principal, i.Interest)));
        Assert.Equal(0.01m, schedule.Installments[^1].Principal);
    }

    [Fact]
    public void Build_ZeroRateRoundingUpPassesTheAmount_LaterPrincipalClampedAtZero()
    {
        // round(0.05 / 10) = 0.01, and nine of them would be 0.09: the balance runs out after five.
        var schedule = AmortizationSchedule.Build(0.05m, 0m, 10, Disbursed);

        Assert.Equal([0.01m, 0.01m, 0.01m, 0.01m, 0.01m, 0m, 0m, 0m, 0m, 0m], schedule.Installments.Select(i => i.Principal));
    }

    [Fact]
    public void Build_InstallmentRoundsBelowTheInterest_NoNegativePrincipalAndLastIsBalloon()
    {
        // 100 % a year over 480 months: the exact installment is a hair above the interest and rounds to it.
        var schedule = AmortizationSchedule.Build(1_000m, 100m, 480, Disbursed);

        Assert.Equal(83.33m, schedule.InstallmentAmount);
        Assert.All(schedule.Installments.Take(479), i => Assert.Equal(0m, i.Principal));
        Assert.Equal(1_000m, schedule.Installments[^1].Principal);
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30")]
    [InlineData("2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30")]
    [InlineData("2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31")]
    [InlineData("2025-03-15", "2025-04-15", "2025-05-15", "2025-06-15")]
    public void Build_DueDates_SameDayClampedToMonthEndCountedFromDisbursement(string disbursed, string first, string second, string third)
    {
        var schedule = AmortizationSchedule.Build(300m, 5m, 3, DateOnly.Parse(disbursed, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([first, second, third], schedule.Installments.Select(i => i.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
