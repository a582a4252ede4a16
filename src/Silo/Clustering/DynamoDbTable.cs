using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Clustering;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Clustering;

/// <summary>Makes sure a table with the expected string key schema exists and serves requests (ACTIVE or UPDATING).</summary>
public static class DynamoDbTable
{
    /// <summary>
    /// Creates the table (on-demand billing) when missing and allowed to, waits while it is CREATING, and refuses a table
    /// whose keys differ: items written under another layout would be invisible.
    /// </summary>
    public static async Task EnsureAsync(
        IAmazonDynamoDB client, string tableName, string hashKey, string? rangeKey, DynamoDbConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (await DescribeAsync(client, tableName, cancellationToken) is null)
        {
            if (!options.CreateTableIfNotExists)
            {
                throw new InvalidOperationException(
                    $"DynamoDB table '{tableName}' does not exist and CreateTableIfNotExists is false. Create it with string hash key '{hashKey}'" +
                    (rangeKey is null ? "." : $" and string range key '{rangeKey}'."));
            }

            var keys = new List<KeySchemaElement> { new(hashKey, KeyType.HASH) };
            var attributes = new List<AttributeDefinition> { new(hashKey, ScalarAttributeType.S) };
            if (rangeKey is not null)
            {
                keys.Add(new KeySchemaElement(rangeKey, KeyType.RANGE));
                attributes.Add(new AttributeDefinition(rangeKey, ScalarAttributeType.S));
            }

            try
            {
                await client.CreateTableAsync(
                    new CreateTableRequest { TableName = tableName, KeySchema = keys, AttributeDefinitions = attributes, BillingMode = BillingMode.PAY_PER_REQUEST },
                    cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another process created it first; waiting for ACTIVE covers both cases.
            }
        }

        var table = await WaitUntilUsableAsync(client, tableName, options.TableReadyTimeout, cancellationToken);
        var actual = string.Join(", ", (table.KeySchema ?? []).Select(k => $"{k.AttributeName} {k.KeyType}"));
        var expected = rangeKey is null ? $"{hashKey} HASH" : $"{hashKey} HASH, {rangeKey} RANGE";
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"DynamoDB table '{tableName}' has key schema [{actual}]; expected [{expected}].");
        }
    }

    private static async Task<TableDescription> WaitUntilUsableAsync(IAmazonDynamoDB client, string tableName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var pause = TimeSpan.FromMilliseconds(100);
        try
        {
            while (true)
            {
                var table = await DescribeAsync(client, tableName, deadline.Token);
                switch (DynamoDbTableStatus.Of(table?.TableStatus))
                {
                    case DynamoDbTableStatus.Readiness.Usable:
                        return table!;
                    case DynamoDbTableStatus.Readiness.Unusable:
                        throw new InvalidOperationException(DynamoDbTableStatus.Unusable(tableName, table!.TableStatus));
                    default:
                        break;
                }

                await Task.Delay(pause, deadline.Token);
                pause = TimeSpan.FromMilliseconds(Math.Min(2000, pause.TotalMilliseconds * 2));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"DynamoDB table '{tableName}' did not become usable (ACTIVE or UPDATING) within {timeout}.");
        }
    }

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
