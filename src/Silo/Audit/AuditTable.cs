using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Clustering;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Audit;

/// <summary>Creates the audit table (on-demand billing) with its three indexes when missing, and waits until it and its indexes serve requests.</summary>
internal static class AuditTable
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string tableName, DynamoDbConnectionOptions options, CancellationToken cancellationToken)
    {
        if (await DescribeAsync(client, tableName, cancellationToken) is null)
        {
            if (!options.CreateTableIfNotExists)
            {
                throw new InvalidOperationException(
                    $"DynamoDB table '{tableName}' does not exist and CreateTableIfNotExists is false. Create it as docs/audit.md describes.");
            }

            try
            {
                await client.CreateTableAsync(Definition(tableName), cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first; waiting for ACTIVE covers both cases.
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.TableReadyTimeout);
        var pause = TimeSpan.FromMilliseconds(100);
        try
        {
            // UPDATING serves requests, so only a table being created, or one of its indexes being built (the audit
            // queries need them), is waited for.
            while (await DescribeAsync(client, tableName, deadline.Token) is var table
                && (DynamoDbTableStatus.Of(table?.TableStatus) != DynamoDbTableStatus.Readiness.Usable
                    || (table!.GlobalSecondaryIndexes ?? []).Any(i => i.IndexStatus != IndexStatus.ACTIVE)))
            {
                if (DynamoDbTableStatus.Of(table?.TableStatus) == DynamoDbTableStatus.Readiness.Unusable)
                {
                    throw new InvalidOperationException(DynamoDbTableStatus.Unusable(tableName, table!.TableStatus));
                }

                await Task.Delay(pause, deadline.Token);
                pause = TimeSpan.FromMilliseconds(Math.Min(2000, pause.TotalMilliseconds * 2));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"DynamoDB table '{tableName}' did not become usable (ACTIVE or UPDATING, indexes ACTIVE) within {options.TableReadyTimeout}.");
        }
    }

    internal static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(AuditItem.Id, KeyType.HASH)],
        AttributeDefinitions =
        [
            new AttributeDefinition(AuditItem.Id, ScalarAttributeType.S),
            new AttributeDefinition(AuditItem.At, ScalarAttributeType.S),
            new AttributeDefinition(AuditItem.Log, ScalarAttributeType.S),
            new AttributeDefinition(AuditItem.Record, ScalarAttributeType.S),
            new AttributeDefinition(AuditItem.Actor, ScalarAttributeType.S),
        ],
        GlobalSecondaryIndexes =
        [
            Index(AuditItem.ByTime, AuditItem.Log),
            Index(AuditItem.ByRecord, AuditItem.Record),
            Index(AuditItem.ByActor, AuditItem.Actor),
        ],
    };

    private static GlobalSecondaryIndex Index(string name, string hashKey) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(hashKey, KeyType.HASH), new KeySchemaElement(AuditItem.At, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
