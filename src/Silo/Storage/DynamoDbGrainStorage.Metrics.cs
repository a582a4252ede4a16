using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

// Every operation's count and latency, by how it ended.
public sealed partial class DynamoDbGrainStorage
{
    private async Task MeasureAsync(string operation, Counter<long> completed, Func<Task> body)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await body();
            completed.Add(1, _providerTag);
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                InconsistentStateException => "conflict",
                StorageThrottledException => "throttled",
                StorageUnavailableException => "unavailable",
                _ => "error",
            };
            throw;
        }
        finally
        {
            StorageMetrics.OperationDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                _providerTag,
                new(StorageMetrics.OperationTag, operation),
                new(StorageMetrics.OutcomeTag, outcome));
        }
    }
}
