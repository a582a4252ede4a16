using System.Collections.Concurrent;
using Orleans.Storage;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// Test-silo grain storage that forwards to memory storage (which checks ETags like the DynamoDB provider) and
/// records every write refused with <see cref="InconsistentStateException"/>, so tests can assert that no grain
/// ever writes over a state it did not last read or write. Tests can also make one grain's next write fail.
/// </summary>
public sealed class ConflictCountingStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentQueue<string> Refused = new();
    private static readonly ConcurrentDictionary<GrainId, (bool Applied, Func<Exception> Error)> Injected = new();
    private static readonly ConcurrentDictionary<GrainId, TimeSpan> Delayed = new();
    private static readonly ConcurrentDictionary<GrainId, int> Written = new();

    /// <summary>Every real conflict so far (injected failures not included): "&lt;operation&gt; &lt;state name&gt; &lt;grain id&gt;".</summary>
    public static IReadOnlyCollection<string> Conflicts => Refused;

    /// <summary>
    /// Up to this long (random) before a write reaches memory and again before its answer comes back, like a
    /// round trip to DynamoDB; zero (the default) for plain memory speed. Set by a test, reset when it ends.
    /// </summary>
    public static TimeSpan MaxWriteLatency { get; set; }

    /// <summary>How many writes of <paramref name="grain"/> have been started (failed ones included).</summary>
    public static int Writes(GrainId grain) => Written.GetValueOrDefault(grain);

    /// <summary>
    /// The next write of <paramref name="grain"/> to start throws <paramref name="error"/> (a write already delayed is not it). With <paramref name="applied"/> the
    /// write is stored first and the grain keeps its old ETag, as when a write lands but its answer is lost.
    /// </summary>
    public static void FailNextWrite(GrainId grain, bool applied, Func<Exception> error) => Injected[grain] = (applied, error);

    /// <summary>
    /// The next write of <paramref name="grain"/> reaches storage only after <paramref name="delay"/>, whatever happens
    /// to its caller meanwhile, like a request already sent to DynamoDB when its caller gives up on it.
    /// </summary>
    public static void DelayNextWrite(GrainId grain, TimeSpan delay) => Delayed[grain] = delay;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Written.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        var failed = Injected.TryRemove(grainId, out var failure);
        if (Delayed.TryRemove(grainId, out var delay))
        {
            await Task.Delay(delay, CancellationToken.None);
        }

        if (failed)
        {
            if (failure.Applied)
            {
                var eTag = grainState.ETag;
                await inner.WriteStateAsync(stateName, grainId, grainState);
                grainState.ETag = eTag;
            }

            throw failure.Error();
        }

        await RecordAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RecordAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private static async Task RecordAsync(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        try
        {
            await LatencyAsync();
            await call();
            await LatencyAsync();
        }
        catch (InconsistentStateException)
        {
            Refused.Enqueue($"{operation} {stateName} {grainId}");
            throw;
        }
    }

    private static Task LatencyAsync() =>
        MaxWriteLatency > TimeSpan.Zero ? Task.Delay(Random.Shared.Next((int)MaxWriteLatency.TotalMilliseconds + 1)) : Task.CompletedTask;
}
