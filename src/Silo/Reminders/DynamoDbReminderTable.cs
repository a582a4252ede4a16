using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.Silo.Clustering;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Reminders;

/// <summary>
/// Orleans reminders in DynamoDB, one item per reminder (<see cref="ReminderItem"/>). Upserts write a fresh random
/// ETag; removes are conditional on it; reads are strongly consistent and follow every page to the end. Failures
/// surface as our own exception types only (<see cref="ReminderTableErrors"/>).
/// </summary>
public sealed class DynamoDbReminderTable : IReminderTable, IDisposable
{
    private static readonly KeyValuePair<string, object?> Provider = new(StorageMetrics.ProviderTag, StorageMetrics.RemindersProvider);

    private readonly DynamoDbReminderOptions _options;
    private readonly string _serviceId;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;

    public DynamoDbReminderTable(DynamoDbReminderOptions options, string serviceId, IAmazonDynamoDB? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _options = options;
        _serviceId = serviceId;
        _ownsClient = client is null;
        _client = client ?? DynamoDbClients.Create(options);
    }

    private string Table => _options.ReminderTableName;

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        DynamoDbTable.EnsureAsync(_client, Table, ReminderItem.PartitionKey, ReminderItem.SortKey, _options, cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var hash = grainId.GetUniformHashCode();
        var items = await QueryAsync(
            ReminderItem.Partition(_serviceId, ReminderItem.Bucket(hash)),
            "begins_with(#sk, :prefix)",
            new() { [":prefix"] = new AttributeValue(ReminderItem.GrainPrefix(grainId)) },
            cancellationToken);
        return new ReminderTableData(items.Select(ReminderItem.FromItem).Where(r => r.GrainId.Equals(grainId)));
    }

    /// <summary>Reminders whose grain hash lies in the ring range (begin, end]; begin ≥ end wraps past <see cref="uint.MaxValue"/>.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(uint, uint)"/>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // Split into inclusive [low, high] spans, then into the buckets they touch: one sort-key range query per bucket.
        var spans = new List<(uint Low, uint High)>();
        if (begin < end)
        {
            spans.Add((begin + 1, end));
        }
        else
        {
            if (begin < uint.MaxValue)
            {
                spans.Add((begin + 1, uint.MaxValue));
            }

            spans.Add((0, end));
        }

        var queries = new List<Task<List<Dictionary<string, AttributeValue>>>>();
        foreach (var (low, high) in spans)
        {
            for (var bucket = ReminderItem.Bucket(low); bucket <= ReminderItem.Bucket(high); bucket++)
            {
                var from = Math.Max(low, ReminderItem.BucketStart(bucket));
                var to = Math.Min(high, ReminderItem.BucketEnd(bucket));
                queries.Add(QueryAsync(
                    ReminderItem.Partition(_serviceId, bucket),
                    "#sk BETWEEN :from AND :to",
                    new()
                    {
                        [":from"] = new AttributeValue(ReminderItem.HashPrefix(from)),
                        [":to"] = new AttributeValue(ReminderItem.HashUpperBound(to)),
                    },
                    cancellationToken));
            }
        }

        var pages = await Task.WhenAll(queries);
        return new ReminderTableData(pages.SelectMany(items => items).Select(ReminderItem.FromItem));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var response = await ReminderTableErrors.RunAsync("ReadRow", Table, () => _client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = ReminderItem.Key(_serviceId, grainId, reminderName),
            ConsistentRead = true,
        }, cancellationToken), cancellationToken);
        return response.IsItemSet && response.Item.Count > 0 ? ReminderItem.FromItem(response.Item) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        var item = ReminderItem.ToItem(_serviceId, entry, etag);
        await ReminderTableErrors.RunAsync(
            "UpsertRow",
            Table,
            () => _client.PutItemAsync(new PutItemRequest { TableName = Table, Item = item }, cancellationToken),
            cancellationToken);
        StorageMetrics.Writes.Add(1, Provider);
        StorageMetrics.CountPut(DynamoDbItemSize.Of(item), Provider);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        ReminderTableErrors.RunAsync("RemoveRow", Table, async () =>
        {
            try
            {
                await _client.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = Table,
                    Key = ReminderItem.Key(_serviceId, grainId, reminderName),
                    ConditionExpression = "#etag = :etag",
                    ExpressionAttributeNames = new() { ["#etag"] = ReminderItem.ETagAttribute },
                    ExpressionAttributeValues = new() { [":etag"] = new AttributeValue(eTag ?? string.Empty) },
                }, cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        }, cancellationToken);

    public Task TestOnlyClearTable() => ClearAsync(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => ClearAsync(cancellationToken);

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>Deletes every reminder of this service (tests only: it reads and deletes item by item).</summary>
    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        for (var bucket = 0u; bucket < ReminderItem.BucketCount; bucket++)
        {
            var items = await QueryAsync(ReminderItem.Partition(_serviceId, bucket), condition: null, [], cancellationToken);
            foreach (var item in items)
            {
                await _client.DeleteItemAsync(
                    new DeleteItemRequest
                    {
                        TableName = Table,
                        Key = new() { [ReminderItem.PartitionKey] = item[ReminderItem.PartitionKey], [ReminderItem.SortKey] = item[ReminderItem.SortKey] },
                    },
                    cancellationToken);
            }
        }
    }

    /// <summary>All items of one partition matching the sort-key condition, following LastEvaluatedKey to the last page.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(
        string partition, string? condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken = default)
    {
        values[":pk"] = new AttributeValue(partition);
        var names = new Dictionary<string, string> { ["#pk"] = ReminderItem.PartitionKey };
        if (condition is not null)
        {
            names["#sk"] = ReminderItem.SortKey;
        }

        var request = new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = condition is null ? "#pk = :pk" : $"#pk = :pk AND {condition}",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ConsistentRead = true,
            Limit = _options.QueryPageSize,
        };
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await ReminderTableErrors.RunAsync("Query", Table, () => _client.QueryAsync(request, cancellationToken), cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }
}
