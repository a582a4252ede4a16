using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// Which audit entries are stored already, by their ids: <c>BatchGetItem</c> of the keys only, 100 a request,
/// unprocessed keys asked again as the batch writer does (<see cref="AuditBatchWriter.Backoff"/>). Eventually consistent (half the read cost): an entry stored a moment ago and not
/// seen yet is only written again, unchanged.
/// </summary>
internal static class AuditLookup
{
    public const int MaxKeys = 100;

    public static async Task<HashSet<string>> StoredAsync(IAmazonDynamoDB client, string table, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(MaxKeys))
        {
            var keys = new KeysAndAttributes
            {
                Keys = [.. chunk.Select(id => new Dictionary<string, AttributeValue> { [AuditItem.Id] = new(id) })],
                ProjectionExpression = "#id",
                ExpressionAttributeNames = new() { ["#id"] = AuditItem.Id },
            };
            for (var attempt = 1; keys is { Keys.Count: > 0 }; attempt++)
            {
                if (attempt > AuditBatchWriter.MaxAttempts)
                {
                    throw new StorageThrottledException($"The audit table left {keys.Keys.Count} keys of a lookup unprocessed after {AuditBatchWriter.MaxAttempts} attempts.");
                }

                if (attempt > 1)
                {
                    await Task.Delay(AuditBatchWriter.Backoff(attempt - 1), cancellationToken);
                }

                var response = await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = keys } }, cancellationToken);
                if (response.Responses?.TryGetValue(table, out var items) == true)
                {
                    stored.UnionWith(items.Select(i => i[AuditItem.Id].S));
                }

                keys = response.UnprocessedKeys?.GetValueOrDefault(table);
            }
        }

        return stored;
    }
}
