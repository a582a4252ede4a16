using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;

namespace PrivateLending.Silo.Clustering;

/// <summary>
/// Orleans membership over one DynamoDB item per cluster (<see cref="MembershipItem"/>). Inserts and updates are one
/// conditional <c>UpdateItem</c> that checks the table version (and the entry's ETag or absence) and bumps the
/// version, so no two writers can both win; heartbeats go to an item per silo (<see cref="MembershipHeartbeats"/>) and
/// leave the membership item and its version alone.
/// </summary>
public sealed partial class DynamoDbMembershipTable : IMembershipTable, IDisposable
{
    private readonly DynamoDbClusteringOptions _options;
    private readonly string _clusterId;
    private readonly ILogger _logger;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly UnreadableEntryLog _unreadable;
    private readonly MembershipHeartbeats _heartbeats;

    public DynamoDbMembershipTable(DynamoDbClusteringOptions options, string clusterId, ILogger<DynamoDbMembershipTable> logger, IAmazonDynamoDB? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _options = options;
        _clusterId = clusterId;
        _logger = logger;
        _ownsClient = client is null;
        _client = client ?? DynamoDbClients.Create(options);
        _unreadable = new UnreadableEntryLog(logger, clusterId);
        _heartbeats = new MembershipHeartbeats(_client, options.MembershipTableName, clusterId);
    }

    private string Table => _options.MembershipTableName;

    public Task InitializeMembershipTable(bool tryInitTableVersion) => CountThrottlesAsync(InitializeMembershipTableAsync(tryInitTableVersion));

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await DynamoDbTable.EnsureAsync(_client, Table, MembershipItem.PartitionKey, rangeKey: null, _options, cancellationToken);
        if (!tryInitTableVersion)
        {
            return;
        }

        var item = MembershipItem.Key(_clusterId);
        item[MembershipItem.Version] = new AttributeValue { N = MembershipItem.FormatVersion(0) };
        item[MembershipItem.Members] = new AttributeValue { M = [] };
        // Kept for silos of the previous version during a rolling upgrade: they write their heartbeats into this map.
        item[MembershipItem.Alive] = new AttributeValue { M = [] };
        item[MembershipItem.UpdatedAt] = new AttributeValue(MembershipItem.FormatTime(DateTime.UtcNow));
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = MembershipItem.PartitionKey },
            }, cancellationToken);
            LogCreated(_logger, _clusterId, Table);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another silo created the cluster's item first: that is the normal case for every silo but one.
        }
    }

    public Task DeleteMembershipTableEntries(string clusterId) => CountThrottlesAsync(DeleteMembershipTableEntriesAsync(clusterId));

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var heartbeats = new MembershipHeartbeats(_client, Table, clusterId);
        foreach (var (entry, _) in (await MembershipItem.ReadAsync(_client, Table, clusterId, _unreadable, cancellationToken)).Members)
        {
            await heartbeats.DeleteAsync(entry.SiloAddress, cancellationToken);
        }

        await _client.DeleteItemAsync(new DeleteItemRequest { TableName = Table, Key = MembershipItem.Key(clusterId) }, cancellationToken);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => CountThrottlesAsync(ReadRowAsync(key));

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        var table = await MembershipItem.ReadAsync(_client, Table, _clusterId, _unreadable, cancellationToken);
        if (table.TryGet(key) is not { } row)
        {
            return new MembershipTableData(table.Version);
        }

        await _heartbeats.MergeIntoAsync([row.Item1], cancellationToken);
        return new MembershipTableData(row, table.Version);
    }

    public Task<MembershipTableData> ReadAll() => CountThrottlesAsync(ReadAllAsync());

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var table = await MembershipItem.ReadAsync(_client, Table, _clusterId, _unreadable, cancellationToken);
        await _heartbeats.MergeIntoAsync(table.Members.Select(row => row.Item1), cancellationToken);
        return table;
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => CountThrottlesAsync(InsertRowAsync(entry, tableVersion));

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return WriteEntryAsync(entry, tableVersion, "attribute_not_exists(#Members.#silo)", expectedETag: null, cancellationToken);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => CountThrottlesAsync(UpdateRowAsync(entry, etag, tableVersion));

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return WriteEntryAsync(entry, tableVersion, "#Members.#silo.#ETag = :etag", etag, cancellationToken);
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => CountThrottlesAsync(UpdateIAmAliveAsync(entry));

    /// <summary>
    /// One conditional put of the silo's heartbeat item. Only when that item is missing (the silo's first heartbeat,
    /// or its entry was cleaned up) is the entry itself checked, so a silo without an entry still gets an error and
    /// leaves nothing behind.
    /// </summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await _heartbeats.TryUpdateAsync(entry.SiloAddress, entry.IAmAliveTime, cancellationToken))
        {
            return;
        }

        var silo = MembershipItem.SiloKey(entry.SiloAddress);
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = MembershipItem.Key(_clusterId),
            ConsistentRead = true,
            ProjectionExpression = "#Members.#silo.#ETag",
            ExpressionAttributeNames = Names(silo, MembershipItem.Members, MembershipItem.ETag),
        }, cancellationToken);
        if (response.Item?.GetValueOrDefault(MembershipItem.Members)?.M?.ContainsKey(silo) != true)
        {
            throw new InvalidOperationException($"Silo {entry.SiloAddress} has no entry in the membership table of cluster '{_clusterId}'.");
        }

        await _heartbeats.CreateAsync(entry.SiloAddress, entry.IAmAliveTime, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<bool> WriteEntryAsync(MembershipEntry entry, TableVersion next, string entryCondition, string? expectedETag, CancellationToken cancellationToken)
    {
        var silo = MembershipItem.SiloKey(entry.SiloAddress);
        var values = new Dictionary<string, AttributeValue>
        {
            [":entry"] = MembershipItem.EntryValue(entry, MembershipItem.NewETag()),
            [":next"] = new() { N = MembershipItem.FormatVersion(next.Version) },
            [":previous"] = new() { N = MembershipItem.FormatVersion(next.Version - 1) },
            [":now"] = new(MembershipItem.FormatTime(DateTime.UtcNow)),
        };
        if (expectedETag is not null)
        {
            values[":etag"] = new AttributeValue(expectedETag);
        }

        try
        {
            await UpdateAsync(entry.SiloAddress, new UpdateItemRequest
            {
                TableName = Table,
                Key = MembershipItem.Key(_clusterId),
                UpdateExpression = "SET #Members.#silo = :entry, #Version = :next, #UpdatedAt = :now",
                ConditionExpression = $"#Version = :previous AND {entryCondition}",
                ExpressionAttributeNames = expectedETag is null
                    ? Names(silo, MembershipItem.Members, MembershipItem.Version, MembershipItem.UpdatedAt)
                    : Names(silo, MembershipItem.Members, MembershipItem.Version, MembershipItem.UpdatedAt, MembershipItem.ETag),
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else changed the table first; Orleans reads again and retries.
            LogConflict(_logger, entry.SiloAddress, next.Version, _clusterId);
            return false;
        }
    }

    // DynamoDB refuses expression attribute names that the expressions do not use, so each request names only its own.
    private static Dictionary<string, string> Names(string silo, params string[] attributes)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#silo"] = silo };
        foreach (var attribute in attributes)
        {
            names["#" + attribute] = attribute;
        }

        return names;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership item of cluster {ClusterId} in table {Table}")]
    private static partial void LogCreated(ILogger logger, string clusterId, string table);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership write for {Silo} at version {Version} of cluster {ClusterId} lost a race; Orleans will retry")]
    private static partial void LogConflict(ILogger logger, SiloAddress silo, int version, string clusterId);
}
