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
        using var counters = new ProviderCounters(provider);

        using var storage = await StartAsync(dynalite, name: provider);
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("m", grain, state);
        await storage.ReadStateAsync("m", grain, Empty<CounterState>());
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("m", grain, Empty<CounterState>()));
        await storage.ClearStateAsync("m", grain, state);

        Assert.Equal(1, counters.Of("privatelending.storage.writes"));
        Assert.Equal(1, counters.Of("privatelending.storage.reads"));
        Assert.Equal(1, counters.Of("privatelending.storage.conflicts"));
        Assert.Equal(1, counters.Of("privatelending.storage.clears"));
        Assert.Equal(4, counters.Durations.Count);
        Assert.All(counters.Durations, ms => Assert.True(ms >= 0));
    }
}
