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

    [Fact]
    public async Task Write_SmallThenLargeItem_CountsTheStoredBytesAndEveryStartedKilobyte()
    {
        var provider = "bytes-" + Guid.NewGuid().ToString("N")[..8];
        using var counters = new ProviderCounters(provider);
        // Plain items, so the sizes are known (the compressed form is counted in GrainStorageCompressionTests).
        using var storage = await StartAsync(dynalite, o => o.StateCompressionLevel = System.IO.Compression.CompressionLevel.NoCompression, name: provider);
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 });

        await storage.WriteStateAsync("b", grain, state);
        var small = GrainStateItem.SizeOf((await RawItemAsync(dynalite, "b", grain))!);
        Assert.Equal(small, counters.Of("privatelending.storage.written"));
        Assert.Equal(1, counters.Of("privatelending.storage.write_units"));

        // 2,500 more characters: between two and three kilobytes more, so three or four units, as billed.
        state.State!.Text = new string('x', 2500);
        await storage.WriteStateAsync("b", grain, state);
        var large = GrainStateItem.SizeOf((await RawItemAsync(dynalite, "b", grain))!);
        Assert.InRange(large, 2500, 4096);
        Assert.Equal(small + large, counters.Of("privatelending.storage.written"));
        Assert.Equal(1 + (large + 1023) / 1024, counters.Of("privatelending.storage.write_units"));
    }
}
