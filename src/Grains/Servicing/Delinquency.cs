using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Servicing;

/// <summary>A loan's standing on one day.</summary>
/// <param name="Status">ACTIVE, COMPLETED or DEFAULTED.</param>
/// <param name="DaysPastDue">Days since the oldest unpaid installment's due date; 0 when none is overdue.</param>
internal sealed record DelinquencyReport(ServicingStatus Status, int DaysPastDue);

/// <summary>
/// Lateness and default, derived from the installments and a day given by the caller (nothing here reads a clock),
/// so the answer never depends on when a timer happened to run.
/// </summary>
internal static class Delinquency
{
    /// <remarks>
    /// DEFAULTED once any installment was unpaid for <see cref="DelinquencyRules.DefaultAfterDays"/> days: until
    /// <paramref name="today"/> when still unpaid, until its payment date when settled. Derived from stored payment
    /// dates, it stays DEFAULTED after the arrears are caught up (until nothing remains: then COMPLETED) without a
    /// stored flag that a timer would have to set.
    /// </remarks>
    public static DelinquencyReport Evaluate(ServicingState state, DateOnly today, DelinquencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (Repayments.Remaining(state) == 0)
        {
            return new DelinquencyReport(ServicingStatus.Completed, 0);
        }

        // Repayments go to installments in order, so the first one with anything left is the oldest unpaid.
        var oldest = state.Installments.First(i => i.Remaining > 0);
        var daysPastDue = Math.Max(0, today.DayNumber - oldest.DueDate.DayNumber);
        var defaulted = state.Installments.Any(i => DaysUnpaid(i, today) >= rules.DefaultAfterDays);
        return new DelinquencyReport(defaulted ? ServicingStatus.Defaulted : ServicingStatus.Active, daysPastDue);
    }

    /// <summary>PAID when nothing is left; LATE when still unpaid the grace period's days after its due date.</summary>
    public static InstallmentStatus StatusOf(InstallmentState installment, DateOnly today, DelinquencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(installment);
        ArgumentNullException.ThrowIfNull(rules);
        if (installment.Remaining == 0)
        {
            return InstallmentStatus.Paid;
        }

        if (today.DayNumber - installment.DueDate.DayNumber >= rules.GracePeriodDays)
        {
            return InstallmentStatus.Late;
        }

        return installment.PaidInterest + installment.PaidPrincipal > 0 ? InstallmentStatus.PartiallyPaid : InstallmentStatus.Due;
    }

    /// <summary>How long the installment was (or is) unpaid past its due date; negative when settled before it.</summary>
    private static int DaysUnpaid(InstallmentState installment, DateOnly today) =>
        installment.Remaining > 0 ? today.DayNumber - installment.DueDate.DayNumber
        : installment.PaidOn is { } paidOn ? paidOn.DayNumber - installment.DueDate.DayNumber
        : int.MinValue; // nothing was ever due on it
}
