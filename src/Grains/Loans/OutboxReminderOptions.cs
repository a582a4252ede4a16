namespace PrivateLending.Grains.Loans;

/// <summary>How often the durable outbox reminder wakes a loan whose index updates are not yet acknowledged.</summary>
public sealed class OutboxReminderOptions
{
    /// <summary>Due time and period of the reminder; Orleans refuses periods below its <c>MinimumReminderPeriod</c> (1 minute by default).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
}
