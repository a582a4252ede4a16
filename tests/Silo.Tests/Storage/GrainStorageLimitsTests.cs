using System.IO.Compression;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>The 400 KB item limit, long keys and state types JSON cannot carry: refused loudly, never truncated.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageLimitsTests(DynaliteFixture dynalite)
{
    private const string State = "blob";

    // The padding below is repetitive text, which gzip would shrink far below the limit: these tests measure plain items.
    private static readonly Action<DynamoDbStorageOptions> Plain = o => o.StateCompressionLevel = CompressionLevel.NoCompression;

    [Fact]
    public async Task WriteState_ItemExactlyAtLimit_IsStoredAndReadBack()
    {
        using var storage = await StartAsync(dynalite, Plain);
        var grain = NewGrainId();
        var state = new CounterState { Text = new string('x', PaddingForItemSize(grain, GrainStateItem.MaxItemBytes)) };

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(state));

        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(state.Text, read.Loaded().Text);
        Assert.Equal(GrainStateItem.MaxItemBytes, GrainStateItem.SizeOf((await RawItemAsync(dynalite, State, grain))!));
    }

    [Fact]
    public async Task WriteState_OneByteOverLimit_ThrowsBeforeSendingAndStoresNothing()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Plain, client);
        var grain = NewGrainId();
        var state = new CounterState { Text = new string('x', PaddingForItemSize(grain, GrainStateItem.MaxItemBytes + 1)) };

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => storage.WriteStateAsync(State, grain, new GrainState<CounterState>(state)));

        Assert.Contains(grain.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(State, error.Message, StringComparison.Ordinal);
        Assert.Contains((GrainStateItem.MaxItemBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(GrainStateItem.MaxItemBytes + 1, error.ItemBytes);
        Assert.Equal(0, faults.Calls(nameof(client.PutItemAsync)));
        Assert.Null(await RawItemAsync(dynalite, State, grain));
    }

    [Fact]
    public async Task WriteState_NonAsciiOverLimitInUtf8_IsRefusedAndPreviousStateSurvives()
    {
        // 140,000 CJK characters are 420,000 UTF-8 bytes: over the limit although only 140,000 UTF-16 units (what dynalite counts).
        using var storage = await StartAsync(dynalite, Plain);
        var grain = NewGrainId();
        var small = new GrainState<CounterState>(new CounterState { Count = 1, Text = "small" });
        await storage.WriteStateAsync(State, grain, small);
        var eTag = small.ETag;

        small.State = new CounterState { Count = 2, Text = new string('北', 140_000) };
        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(State, grain, small));

        Assert.True(error.ItemBytes > 420_000);
        Assert.Equal(eTag, small.ETag);
        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal("small", read.Loaded().Text);
    }

    [Fact]
    public async Task WriteState_GrainKeyOverPartitionKeyLimit_UsesHashedKeyAndRoundTrips()
    {
        using var storage = await StartAsync(dynalite);
        var grain = GrainId.Create("account", new string('k', 3000) + "-" + Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Count = 7 }));

        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(7, read.Loaded().Count);
        var raw = await RawItemAsync(dynalite, State, grain);
        Assert.StartsWith("sha256|", raw![GrainStateItem.PartitionKey].S, StringComparison.Ordinal);
        Assert.Equal(grain.ToString(), raw[GrainStateItem.GrainId].S);
    }

    [Fact]
    public void CreateKey_SeparatorInServiceOrStateName_NeverCollides()
    {
        var grain = GrainId.Create("g", "1");

        var a = GrainStateKey.Create("svc", "a|b", grain);
        var b = GrainStateKey.Create("svc|a", "b", grain);
        var c = GrainStateKey.Create("svc", "a%7Cb", grain);

        Assert.Equal(3, new[] { a.PartitionKey, b.PartitionKey, c.PartitionKey }.Distinct().Count());
        Assert.Equal("svc|a%7Cb|g/1", a.PartitionKey);
    }

    [Fact]
    public async Task WriteState_TypeThatLosesDataInJson_IsRefusedAndNothingStored()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = new PrivateSetterState();
        state.Deposit(125.50m);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => storage.WriteStateAsync(State, grain, new GrainState<PrivateSetterState>(state)));

        Assert.Contains(nameof(PrivateSetterState), error.Message, StringComparison.Ordinal);
        Assert.Null(await RawItemAsync(dynalite, State, grain));
    }

    /// <summary>Length of an ASCII <see cref="CounterState.Text"/> that makes the stored item exactly <paramref name="itemBytes"/> long.</summary>
    private static int PaddingForItemSize(GrainId grain, int itemBytes)
    {
        var key = GrainStateKey.Create(ServiceId, State, grain);
        var json = new GrainStateJsonSerializer(new DynamoDbStorageOptions()).Serialize(new CounterState { Text = string.Empty }, "probe");
        var baseSize = GrainStateItem.SizeOf(GrainStateItem.Create(key, GrainStateETag.New(), json, DateTimeOffset.UtcNow));
        return itemBytes - (int)baseSize;
    }
}
