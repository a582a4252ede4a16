using PrivateLending.Clustering;

namespace PrivateLending.Silo.Audit;

/// <summary>Settings of the audit table (section <c>DynamoDb</c>, next to the grain storage's).</summary>
public sealed class DynamoDbAuditOptions : DynamoDbConnectionOptions
{
    /// <summary>The table name used when <see cref="AuditTableName"/> is not set.</summary>
    public const string DefaultTableName = "PrivateLendingAudit";

    /// <summary>Table holding one item per audit entry (see docs/audit.md); setting <c>DynamoDb:AuditTableName</c>.</summary>
    public string AuditTableName { get; set; } = DefaultTableName;
}
