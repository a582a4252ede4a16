namespace PrivateLending.Grains.Servicing;

/// <summary>When installments count as late and loans as defaulted (configuration section <see cref="Section"/>).</summary>
public sealed class ServicingOptions
{
    public const string Section = "Servicing";

    /// <summary>An installment still unpaid this many days after its due date is LATE.</summary>
    public int GracePeriodDays { get; set; } = 5;

    /// <summary>A loan with an installment unpaid this many days past due is DEFAULTED.</summary>
    public int DefaultAfterDays { get; set; } = 90;

    /// <summary>The borrower's payment reminder mail goes this many days before each due date.</summary>
    public int ReminderDaysBefore { get; set; } = 3;

    /// <summary>How often an ACTIVE loan's durable reminder looks for lateness nobody's request noticed (daily).</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromDays(1);

    internal DelinquencyRules Rules => new(GracePeriodDays, DefaultAfterDays, ReminderDaysBefore);
}
