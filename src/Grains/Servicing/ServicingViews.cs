using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Servicing;

/// <summary>The servicing state as clients see it on a given day.</summary>
internal static class ServicingViews
{
    public static ScheduleView Schedule(ServicingState state, DateOnly today, DelinquencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        var report = Delinquency.Evaluate(state, today, rules);
        return new ScheduleView(
            state.LoanId, state.InstallmentAmount, state.Installments.Sum(i => i.ChargedInterest),
            [.. state.Installments.Select(i => Installment(i, today, rules))], report.Status, report.DaysPastDue);
    }

    public static InstallmentView Installment(InstallmentState installment, DateOnly today, DelinquencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(installment);
        return new InstallmentView(
            installment.Number, installment.DueDate, installment.Principal, installment.ChargedInterest,
            installment.Principal + installment.ChargedInterest, installment.PaidPrincipal, installment.PaidInterest,
            Delinquency.StatusOf(installment, today, rules), installment.PaidOn);
    }
}
