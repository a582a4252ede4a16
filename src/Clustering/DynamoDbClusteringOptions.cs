namespace PrivateLending.Clustering;

/// <summary>Settings of the DynamoDB membership table and gateway list (section <c>DynamoDb</c>).</summary>
/// <remarks>The table name has its own key so that it can sit in the section the grain storage's <c>TableName</c> uses.</remarks>
public sealed class DynamoDbClusteringOptions : DynamoDbConnectionOptions
{
    public const string DefaultTableName = "PrivateLendingMembership";

    /// <summary>Table holding one item per cluster id (see docs/clustering.md).</summary>
    public string MembershipTableName { get; set; } = DefaultTableName;
}
