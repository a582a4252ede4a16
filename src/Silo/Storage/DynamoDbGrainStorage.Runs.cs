using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

// States whose listed properties are kept in runs of their own items (StoredInRunsAttribute). The state's own item is
// the commit point: runs are written first under fresh keys, the conditional put of the own item makes them current,
// and only then are the runs it no longer lists deleted. See storage.md, "Runs".
public sealed partial class DynamoDbGrainStorage
{
    // The runs of the item each grain state last read or wrote, so a write reuses those whose content is unchanged.
    private readonly ConditionalWeakTable<object, StoredRuns> _storedRuns = new();

    private async Task WriteWithRunsAsync<T>(
        GrainStateKey key, IGrainState<T> grainState, StateRunLayout[] layouts, ActivationWrites? activation, GrainStateWriter? writer, CancellationToken cancellationToken)
    {
        var (hotJson, texts) = StateRuns.Split(_json.Serialize(grainState.State, Describe(key)), layouts, _json.Options);
        var expected = ExpectedETag(grainState);
        var previous = _storedRuns.TryGetValue(grainState, out var known) && known.ETag == expected ? known : null;
        var (runs, fresh) = Assign(texts, previous);

        try
        {
            await Task.WhenAll(fresh.Select(r => PutRunAsync(key, r.Property, r.Run, cancellationToken)));
        }
        catch
        {
            await DeleteRunsAsync(key, fresh, "a run write failed");
            throw;
        }

        var eTag = GrainStateETag.New();
        var item = GrainStateItem.Create(key, eTag, hotJson, DateTimeOffset.UtcNow, writer);
        item[GrainStateItem.Runs] = new AttributeValue { S = JsonSerializer.Serialize(runs.ToDictionary(p => p.Key, p => p.Value.Select(r => r.Id).ToList())) };
        GrainStateCompression.Compact(item, _options.StateCompressionLevel);
        Dictionary<string, AttributeValue>? old;
        try
        {
            old = await PutAsync(key, item, expected, eTag, activation, writer, "write", cancellationToken, returnOld: true);
        }
        catch (Exception ex) when (ex is InconsistentStateException or GrainStateTooLargeException)
        {
            // Refused for certain (another ETag is stored, or nothing was sent): the stored state is the one before this
            // write and none of its runs was touched, so ours are garbage. After any other failure the put may have been
            // applied with its reply lost: then the stored item lists our runs, and they must stay.
            await DeleteRunsAsync(key, fresh, "the state's own write was refused");
            throw;
        }

        Acknowledged(key, activation, writer, eTag);
        grainState.ETag = eTag;
        grainState.RecordExists = true;
        _storedRuns.AddOrUpdate(grainState, new StoredRuns(eTag, runs));

        // The replaced item says which runs it listed; after a retried put whose first attempt was applied it is not
        // returned, and then the runs last read or written stand for it (the condition proved it was that item).
        var listed = old is not null ? RunIdsOf(key, old) : previous?.Runs.SelectMany(p => p.Value.Select(r => (p.Key, r.Id)));
        var current = runs.SelectMany(p => p.Value.Select(r => (p.Key, r.Id))).ToHashSet();
        await DeleteRunsAsync(key, (listed ?? []).Where(r => !current.Contains(r)).Select(r => (r.Item1, new StoredRun(r.Item2, ""))).ToList(), "replaced");
    }

    /// <summary>
    /// After a whole-item write over an item that listed runs (runs switched off since it was read): the conditional
    /// put proved the replaced item was the one read, so its runs are garbage now and are deleted.
    /// </summary>
    private async Task ForgetRunsAsync<T>(IGrainState<T> grainState, GrainStateKey key, string? replaced)
    {
        if (_storedRuns.TryGetValue(grainState, out var known))
        {
            _storedRuns.Remove(grainState);
            if (known.ETag != replaced)
            {
                return; // not the item this write replaced: its runs may still be listed
            }

            await DeleteRunsAsync(key, [.. known.Runs.SelectMany(p => p.Value.Select(r => (p.Key, r)))], "stored whole");
        }
    }

    /// <summary>Each run's id: the id of an unchanged run of the state last stored, else a fresh one (then listed as to write).</summary>
    private static (Dictionary<string, List<StoredRun>> Runs, List<(string Property, StoredRun Run)> Fresh) Assign(
        Dictionary<string, List<string>> texts, StoredRuns? previous)
    {
        var runs = new Dictionary<string, List<StoredRun>>(StringComparer.Ordinal);
        var fresh = new List<(string, StoredRun)>();
        foreach (var (property, list) in texts)
        {
            var unchanged = new Dictionary<string, Stack<string>>(StringComparer.Ordinal);
            foreach (var run in previous?.Runs.GetValueOrDefault(property) ?? [])
            {
                (unchanged.TryGetValue(run.Json, out var ids) ? ids : unchanged[run.Json] = new Stack<string>()).Push(run.Id);
            }

            var assigned = new List<StoredRun>(list.Count);
            foreach (var json in list)
            {
                if (unchanged.TryGetValue(json, out var ids) && ids.TryPop(out var id))
                {
                    assigned.Add(new StoredRun(id, json));
                }
                else
                {
                    var run = new StoredRun(NewRunId(), json);
                    assigned.Add(run);
                    fresh.Add((property, run));
                }
            }

            runs[property] = assigned;
        }

        return (runs, fresh);
    }

    // Unique per write attempt: a run is never overwritten, so what a committed item lists cannot change under it.
    private static string NewRunId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');

    private async Task PutRunAsync(GrainStateKey key, string property, StoredRun run, CancellationToken cancellationToken)
    {
        var item = GrainStateItem.CreateRun(key.RunPartitionKey(property, run.Id), key, run.Json);
        GrainStateCompression.Compact(item, _options.StateCompressionLevel);
        var size = GrainStateItem.SizeOf(item);
        if (size > GrainStateItem.MaxItemBytes)
        {
            throw new GrainStateTooLargeException(key.GrainId, key.StateName, size, GrainStateItem.MaxItemBytes);
        }

        // Unconditional: the key is fresh, so a retry after a lost reply writes the same item again.
        var request = new PutItemRequest { TableName = _options.TableName, Item = item };
        await RunAsync("PutItem", ct => _client.PutItemAsync(request, ct), cancellationToken);
        StorageMetrics.CountPut(size, _providerTag);
    }

    /// <summary>Deletes runs nothing refers to any more; a failure leaves garbage, never a loss, so it is only logged.</summary>
    private async Task DeleteRunsAsync(GrainStateKey key, IReadOnlyCollection<(string Property, StoredRun Run)> runs, string why)
    {
        await Task.WhenAll(runs.Select(async r =>
        {
            try
            {
                var request = new DeleteItemRequest { TableName = _options.TableName, Key = GrainStateItem.KeyOf(key.RunPartitionKey(r.Property, r.Run.Id)) };
                await RunAsync("DeleteItem", ct => _client.DeleteItemAsync(request, ct), CancellationToken.None);
                StorageMetrics.WriteUnits.Add(1, _providerTag);
            }
            catch (Exception ex)
            {
                LogRunNotDeleted(_logger, ex, r.Run.Id, r.Property, key.StateName, key.GrainId, why);
            }
        }));
    }

    /// <summary>After a clear: deletes the runs the cleared item listed.</summary>
    private Task DeleteRunsOfAsync(GrainStateKey key, Dictionary<string, AttributeValue>? cleared) =>
        cleared is null ? Task.CompletedTask : DeleteRunsAsync(key, [.. RunIdsOf(key, cleared).Select(r => (r.Item1, new StoredRun(r.Item2, "")))], "cleared");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of {Property} of state {StateName} of grain {GrainId} was not deleted ({Why}); it is garbage nothing refers to")]
    private static partial void LogRunNotDeleted(ILogger logger, Exception exception, string runId, string property, string stateName, string grainId, string why);

    /// <summary>One run as stored: its id and its elements' JSON.</summary>
    private sealed record StoredRun(string Id, string Json);

    /// <summary>The runs of the item with <paramref name="ETag"/>, by property.</summary>
    private sealed record StoredRuns(string ETag, Dictionary<string, List<StoredRun>> Runs);
}
