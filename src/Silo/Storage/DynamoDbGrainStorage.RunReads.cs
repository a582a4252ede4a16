using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

// Reading a state whose item lists runs: the runs it lists, fetched consistently and joined back into the state's JSON.
public sealed partial class DynamoDbGrainStorage
{
    private const int MaxBatchGetKeys = 100;
    private const int MaxBatchGetAttempts = 8;

    /// <summary>The runs an item lists, by property, in order; null when it lists none (written without runs).</summary>
    private Dictionary<string, List<string>>? RunListOf(GrainStateKey key, Dictionary<string, AttributeValue> item)
    {
        if (GrainStateItem.GetString(item, GrainStateItem.Runs) is not { } text)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(text) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw Unreadable(key, $"has a {GrainStateItem.Runs} attribute that is not a list of runs: {ex.Message}", ex);
        }
    }

    private IEnumerable<(string, string)> RunIdsOf(GrainStateKey key, Dictionary<string, AttributeValue> item) =>
        RunListOf(key, item)?.SelectMany(p => p.Value.Select(id => (p.Key, id))) ?? [];

    /// <summary>The whole state's JSON of an item that lists runs, read consistently, and the runs as read.</summary>
    private async Task<(JsonNode Json, Dictionary<string, List<StoredRun>> Runs)> JoinRunsAsync(
        GrainStateKey key, string hotJson, Dictionary<string, List<string>> list, CancellationToken cancellationToken)
    {
        var wanted = list.SelectMany(p => p.Value.Select(id => (Property: p.Key, Id: id, Key: key.RunPartitionKey(p.Key, id)))).ToList();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in wanted.Chunk(MaxBatchGetKeys))
        {
            foreach (var item in await BatchGetAsync(batch.Select(w => w.Key).ToList(), cancellationToken))
            {
                var pk = GrainStateItem.GetString(item, GrainStateItem.PartitionKey)!;
                found[pk] = StoredJson(key, item) ?? throw Unreadable(key, $"lists run item '{pk}', which holds no elements", new JsonException());
            }
        }

        var runs = new Dictionary<string, List<StoredRun>>(StringComparer.Ordinal);
        foreach (var (property, id, pk) in wanted)
        {
            var json = found.GetValueOrDefault(pk)
                ?? throw Unreadable(key, $"lists run '{id}' of {property}, which is missing (item '{pk}')", new KeyNotFoundException(pk));
            (runs.TryGetValue(property, out var l) ? l : runs[property] = []).Add(new StoredRun(id, json));
        }

        foreach (var property in list.Keys)
        {
            runs.TryAdd(property, []);
        }

        try
        {
            return (StateRuns.Join(hotJson, runs.ToDictionary(p => p.Key, p => p.Value.Select(r => r.Json).ToList())), runs);
        }
        catch (JsonException ex)
        {
            throw Unreadable(key, $"has runs that cannot be joined: {ex.Message}", ex);
        }
    }

    private async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(List<string> partitionKeys, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>(partitionKeys.Count);
        var keys = new KeysAndAttributes { Keys = [.. partitionKeys.Select(GrainStateItem.KeyOf)], ConsistentRead = true };
        for (var attempt = 1; ; attempt++)
        {
            var request = new BatchGetItemRequest { RequestItems = new() { [_options.TableName] = keys } };
            var response = await RunAsync("BatchGetItem", ct => _client.BatchGetItemAsync(request, ct), cancellationToken);
            if (response.Responses?.TryGetValue(_options.TableName, out var got) == true)
            {
                items.AddRange(got);
            }

            if (response.UnprocessedKeys is not { Count: > 0 } left || !left.TryGetValue(_options.TableName, out var rest) || rest.Keys.Count == 0)
            {
                return items;
            }

            if (attempt == MaxBatchGetAttempts)
            {
                throw new StorageThrottledException($"DynamoDB table '{_options.TableName}' left {rest.Keys.Count} run items unread after {attempt} attempts.");
            }

            keys = rest;
            await Task.Delay(TimeSpan.FromMilliseconds(10 << attempt), cancellationToken);
        }
    }
}
