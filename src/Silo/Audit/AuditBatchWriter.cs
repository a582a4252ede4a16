using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// Puts audit items with <c>BatchWriteItem</c>, up to 25 a request. Nothing waits to fill a batch: a request starts
/// as soon as a slot is free, and what arrives while every slot is busy goes into the next request together, so the
/// number of requests falls as the load rises. Items the store leaves unprocessed are sent again with backoff.
/// A batch cannot be conditional; that is safe because an entry's id is fixed when the entry is made and a re-sent
/// entry is the stored outbox copy, so a second put writes the same item again.
/// </summary>
internal sealed class AuditBatchWriter(IAmazonDynamoDB client, string table, int maxInFlight = 4)
{
    public const int MaxBatch = 25;

    /// <summary>Requests for the items the store leaves unprocessed, before giving up as throttled.</summary>
    public const int MaxAttempts = 8;
    private static readonly KeyValuePair<string, object?> Provider = new(StorageMetrics.ProviderTag, StorageMetrics.AuditProvider);

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private int _inFlight;

    /// <summary>Completes when every item is stored; fails with the error of the request that carried an item.</summary>
    public Task WriteAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        var done = new List<Task>();
        lock (_gate)
        {
            foreach (var item in items)
            {
                var pending = new Pending(item);
                _queue.Enqueue(pending);
                done.Add(pending.Stored.Task);
            }

            while (_inFlight < maxInFlight && _queue.Count > 0)
            {
                _inFlight++;
                _ = Task.Run(PumpAsync, CancellationToken.None);
            }
        }

        // The caller may stop waiting; the request carries other callers' items too, so it is not cancelled.
        return Task.WhenAll(done).WaitAsync(cancellationToken);
    }

    private async Task PumpAsync()
    {
        while (NextBatch() is { } batch)
        {
            try
            {
                await PutAsync(batch);
                foreach (var same in batch.Values)
                {
                    StorageMetrics.Writes.Add(1, Provider);
                    StorageMetrics.CountPut(DynamoDbItemSize.Of(same[0].Item), Provider, AuditItem.IndexesHolding(same[0].Item));
                    same.ForEach(p => p.Stored.TrySetResult());
                }
            }
            catch (Exception ex)
            {
                foreach (var same in batch.Values)
                {
                    same.ForEach(p => p.Stored.TrySetException(ex));
                }
            }
        }
    }

    /// <summary>Up to <see cref="MaxBatch"/> distinct entries, in arrival order (one request may not put a key twice); null ends the pump.</summary>
    private Dictionary<string, List<Pending>>? NextBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _inFlight--;
                return null;
            }

            var batch = new Dictionary<string, List<Pending>>(StringComparer.Ordinal);
            while (_queue.TryPeek(out var next))
            {
                var id = next.Item[AuditItem.Id].S;
                if (batch.TryGetValue(id, out var same))
                {
                    same.Add(_queue.Dequeue());
                    continue;
                }

                if (batch.Count == MaxBatch)
                {
                    break;
                }

                batch[id] = [_queue.Dequeue()];
            }

            return batch;
        }
    }

    private async Task PutAsync(Dictionary<string, List<Pending>> batch)
    {
        var requests = batch.Values.Select(same => new WriteRequest { PutRequest = new PutRequest { Item = same[0].Item } }).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new() { [table] = requests },
            });
            if (response.UnprocessedItems is not { Count: > 0 } left || !left.TryGetValue(table, out var unprocessed) || unprocessed.Count == 0)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new StorageThrottledException($"The audit table left {unprocessed.Count} of a batch unprocessed after {MaxAttempts} attempts.");
            }

            requests = unprocessed;
            await Task.Delay(Backoff(attempt));
        }
    }

    /// <summary>The wait before asking again for what request number <paramref name="attempt"/> left unprocessed.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(25 << Math.Min(attempt - 1, 6));

    private sealed class Pending(Dictionary<string, AttributeValue> item)
    {
        public Dictionary<string, AttributeValue> Item { get; } = item;

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
