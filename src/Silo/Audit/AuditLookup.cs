using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// Which audit entries are stored already, by their ids: <c>BatchGetItem</c> of the keys only, 100 a request,
/// unprocessed keys asked again. Eventually consistent (half the read cost): an entry stored a moment ago and not
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
            for (var attempt = 0; keys is { Keys.Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Min(attempt, 6))), cancellationToken);
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
