using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Orleans;
using Orleans.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

[Collection(DynaliteTestGroup.Name)]
public sealed class StorageMetricsTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Operations_OnOneProvider_AreCountedUnderItsName()
    {
        var provider = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var counts = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (HasProvider(tags, provider))
            {
                counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (HasProvider(tags, provider))
            {
                latencies.Add(value);
            }
        });
        listener.Start();

        using var storage = await StartAsync(dynalite, name: provider);
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("m", grain, state);
        await storage.ReadStateAsync("m", grain, Empty<CounterState>());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("m", grain, Empty<CounterState>()));
        await storage.ClearStateAsync("m", grain, state);

        Assert.Equal(1, counts.GetValueOrDefault("privatelending.storage.writes"));
        Assert.Equal(1, counts.GetValueOrDefault("privatelending.storage.reads"));
        Assert.Equal(1, counts.GetValueOrDefault("privatelending.storage.conflicts"));
        Assert.Equal(1, counts.GetValueOrDefault("privatelending.storage.clears"));
        Assert.Equal(4, latencies.Count);
        Assert.All(latencies, ms => Assert.True(ms >= 0));
    }

    private static bool HasProvider(ReadOnlySpan<KeyValuePair<string, object?>> tags, string provider)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == StorageMetrics.ProviderTag && Equals(tag.Value, provider))
            {
                return true;
            }
        }

        return false;
    }
}
