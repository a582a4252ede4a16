using PrivateLending.Clustering;

namespace PrivateLending.Silo.Reminders;

/// <summary>Settings of the DynamoDB reminder table (section <c>DynamoDb</c>, next to the grain storage's).</summary>
public sealed class DynamoDbReminderOptions : DynamoDbConnectionOptions
{
    public const string DefaultTableName = "PrivateLendingReminders";

    /// <summary>Table holding one item per reminder (see docs/clustering.md).</summary>
    public string ReminderTableName { get; set; } = DefaultTableName;

    /// <summary>Items per query page; null lets DynamoDB fill 1 MB pages. Small values exercise paging in tests.</summary>
    public int? QueryPageSize { get; set; }
}
