namespace PrivateLending.Grains.Servicing;

/// <summary>When an unpaid installment counts as late and when the loan counts as defaulted.</summary>
/// <param name="GracePeriodDays">An installment still unpaid this many days after its due date is LATE.</param>
/// <param name="DefaultAfterDays">A loan whose oldest unpaid installment reaches this many days past due is DEFAULTED.</param>
internal sealed record DelinquencyRules(int GracePeriodDays = 5, int DefaultAfterDays = 90, int ReminderDaysBefore = 3)
{
    public static DelinquencyRules Default { get; } = new();
}
