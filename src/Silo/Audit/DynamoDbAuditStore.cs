using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Clustering;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Audit;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// The audit log in its own DynamoDB table (<see cref="AuditItem"/>): entries put in batches (<see cref="AuditBatchWriter"/>),
/// a re-sent entry written again unchanged, or, when it was probably delivered already, looked up first
/// (<see cref="AuditLookup"/>); queries read one index, newest first.
/// </summary>
public sealed class DynamoDbAuditStore : IAuditStore, IDisposable
{
    private readonly DynamoDbAuditOptions _options;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly AuditBatchWriter _writer;

    public DynamoDbAuditStore(DynamoDbAuditOptions options, IAmazonDynamoDB? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ownsClient = client is null;
        _client = client ?? DynamoDbClients.Create(options);
        _writer = new AuditBatchWriter(_client, options.AuditTableName);
    }

    private string Table => _options.AuditTableName;

    /// <summary>Creates the table with its indexes when missing (and allowed to) and waits until it is ACTIVE.</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken) => AuditTable.EnsureAsync(_client, Table, _options, cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _writer.WriteAsync(entries.Select(AuditItem.ToItem), cancellationToken);
    }

    public async Task AppendMissingAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = await AuditLookup.StoredAsync(_client, Table, entries.Select(e => e.EntryId), cancellationToken);
        var missing = entries.Where(e => !stored.Contains(e.EntryId)).ToList();
        if (missing.Count > 0)
        {
            await _writer.WriteAsync(missing.Select(AuditItem.ToItem), cancellationToken);
        }
    }

    public async Task<Page<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = AuditQueries.Build(Table, query);
        var items = new List<Dictionary<string, AttributeValue>>(query.Limit + 1);

        // One more than a page, so "has more" is exact; DynamoDB's Limit counts items read before the filter.
        while (items.Count <= query.Limit)
        {
            request.Limit = query.Limit + 1 - items.Count;
            var response = await _client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            if (response.LastEvaluatedKey is not { Count: > 0 } last)
            {
                break;
            }

            request.ExclusiveStartKey = last;
        }

        var hasMore = items.Count > query.Limit;
        var page = items.Take(query.Limit).ToList();
        return new Page<AuditEntry>(
            [.. page.Select(AuditItem.FromItem)], hasMore, hasMore ? page[^1][AuditItem.At].S : null);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
