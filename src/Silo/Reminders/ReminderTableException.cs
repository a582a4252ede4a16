namespace PrivateLending.Silo.Reminders;

/// <summary>
/// DynamoDB refused a reminder-table request for a reason that is neither throttling nor an outage (a validation
/// error, missing permissions). It carries the AWS error as text only: reminder calls are answered across silos,
/// and Orleans cannot serialise AWS exceptions.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.ReminderTableException")]
public sealed class ReminderTableException : Exception
{
    public ReminderTableException() : base("A reminder-table request failed.") { }

    public ReminderTableException(string message) : base(message) { }

    public ReminderTableException(string message, Exception innerException) : base(message, innerException) { }
}
