namespace PrivateLending.Grains.Loans;

/// <summary>
/// How often the durable outbox reminder wakes a loan whose index updates are not yet acknowledged (configuration
/// section <see cref="Section"/>).
/// </summary>
public sealed class OutboxReminderOptions
{
    public const string Section = "OutboxReminder";

    /// <summary>Due time and period of the reminder; Orleans refuses periods below its <c>MinimumReminderPeriod</c> (1 minute by default).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
}
