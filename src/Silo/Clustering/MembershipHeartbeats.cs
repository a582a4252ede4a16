using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;

namespace PrivateLending.Silo.Clustering;

/// <summary>
/// Each silo's I-am-alive time in an item of its own (<c>PK</c> = <c>{cluster}#alive#{silo}</c>, <c>Alive</c> = time),
/// so a heartbeat is one write of about 100 bytes (1 write unit) instead of a rewrite of the cluster's membership
/// item, whose size grows with every entry. Reads merge these times into the entries, taking the later of the item's
/// time and the one older versions kept in the membership item's <c>Alive</c> map.
/// </summary>
internal sealed class MembershipHeartbeats(IAmazonDynamoDB client, string table, string clusterId)
{
    private const int BatchLimit = 100;
    private const int ReadAttempts = 5;

    public Dictionary<string, AttributeValue> Key(SiloAddress silo) => Item(KeyText(silo));

    /// <summary>
    /// Writes the time if the silo's heartbeat item exists, which it does once the silo's first heartbeat found its
    /// entry. Returns false when the item is missing (first heartbeat, or the entry was cleaned up); the caller then
    /// checks the entry before <see cref="CreateAsync"/>.
    /// </summary>
    public async Task<bool> TryUpdateAsync(SiloAddress silo, DateTime alive, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(Put(silo, alive, "attribute_exists(#pk)"), cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task CreateAsync(SiloAddress silo, DateTime alive, CancellationToken cancellationToken) =>
        client.PutItemAsync(Put(silo, alive, condition: null), cancellationToken);

    public Task DeleteAsync(SiloAddress silo, CancellationToken cancellationToken) =>
        client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key(silo) }, cancellationToken);

    /// <summary>
    /// Raises each entry's I-am-alive time to its heartbeat item's, read consistently in batches of 100. Keys DynamoDB
    /// leaves unprocessed (throttling) are asked for again a few times; after that the read fails rather than
    /// report stale times as current.
    /// </summary>
    public async Task MergeIntoAsync(IEnumerable<MembershipEntry> members, CancellationToken cancellationToken)
    {
        var entries = members.ToDictionary(entry => KeyText(entry.SiloAddress));
        foreach (var chunk in entries.Keys.Chunk(BatchLimit))
        {
            var pending = chunk.Select(Item).ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                if (attempt > ReadAttempts)
                {
                    throw new InvalidOperationException(
                        $"DynamoDB left {pending.Count} heartbeat items of cluster '{clusterId}' unread after {ReadAttempts} attempts.");
                }

                var response = await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new() { [table] = new KeysAndAttributes { Keys = pending, ConsistentRead = true } },
                }, cancellationToken);
                foreach (var item in response.Responses?.GetValueOrDefault(table) ?? [])
                {
                    Raise(entries[item[MembershipItem.PartitionKey].S], item.GetValueOrDefault(MembershipItem.Alive)?.S);
                }

                pending = response.UnprocessedKeys?.GetValueOrDefault(table)?.Keys ?? [];
                if (pending.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt), cancellationToken);
                }
            }
        }
    }

    private string KeyText(SiloAddress silo) => $"{clusterId}#alive#{MembershipItem.SiloKey(silo)}";

    private static Dictionary<string, AttributeValue> Item(string key) => new() { [MembershipItem.PartitionKey] = new AttributeValue(key) };

    private PutItemRequest Put(SiloAddress silo, DateTime alive, string? condition)
    {
        var item = Key(silo);
        item[MembershipItem.Alive] = new AttributeValue(MembershipItem.FormatTime(alive));
        return new PutItemRequest
        {
            TableName = table,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = condition is null ? null : new() { ["#pk"] = MembershipItem.PartitionKey },
        };
    }

    // An unreadable time loses only that heartbeat, never the entry.
    private static void Raise(MembershipEntry entry, string? text)
    {
        if (text is not null
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var beat)
            && beat > entry.IAmAliveTime)
        {
            entry.IAmAliveTime = beat;
        }
    }
}
