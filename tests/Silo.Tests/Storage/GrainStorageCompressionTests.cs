using System.Globalization;
using System.IO.Compression;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Orleans;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>States stored gzip-compressed when that costs fewer write units, plain otherwise; both forms read.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageCompressionTests(DynaliteFixture dynalite)
{
    private const string State = "packed";

    [Fact]
    public async Task WriteState_LargeState_IsStoredGzipAndRoundTrips()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = new CounterState { Count = 3, Text = LedgerText(500) };

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(state));

        var raw = (await RawItemAsync(dynalite, State, grain))!;
        Assert.False(raw.ContainsKey(GrainStateItem.State));
        Assert.Contains(state.Text, StoredStates.Json(raw), StringComparison.Ordinal);
        Assert.True(GrainStateItem.SizeOf(raw) < state.Text.Length / 4, $"stored item of {GrainStateItem.SizeOf(raw)} bytes");
        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(state.Text, read.Loaded().Text);
        Assert.Equal(3, read.Loaded().Count);
    }

    [Fact]
    public async Task WriteState_SmallState_IsStoredPlain()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Count = 4, Text = "small" }));

        var raw = (await RawItemAsync(dynalite, State, grain))!;
        Assert.False(raw.ContainsKey(GrainStateItem.StateGzip));
        Assert.Contains("\"Text\":\"small\"", raw[GrainStateItem.State].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteState_CompressionOff_LargeStateIsStoredPlain()
    {
        using var storage = await StartAsync(dynalite, o => o.StateCompressionLevel = CompressionLevel.NoCompression);
        var grain = NewGrainId();
        var text = LedgerText(500);

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Text = text }));

        var raw = (await RawItemAsync(dynalite, State, grain))!;
        Assert.False(raw.ContainsKey(GrainStateItem.StateGzip));
        Assert.Contains(text, raw[GrainStateItem.State].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_LegacyPlainItemOfLargeState_ReadsAndIsRewrittenCompressed()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var key = GrainStateKey.Create(ServiceId, State, grain);
        var text = LedgerText(500);
        // Exactly the shape every write had before compression: the JSON as a string in State.
        var legacy = new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = key.PartitionKey },
            ["ServiceId"] = new() { S = ServiceId },
            ["StateName"] = new() { S = State },
            ["GrainId"] = new() { S = grain.ToString() },
            ["ETag"] = new() { S = "legacy-etag" },
            ["UpdatedAt"] = new() { S = "2026-11-30T10:00:00.0000000Z" },
            ["State"] = new() { S = "{\"Count\":9,\"Text\":\"" + text + "\"}" },
        };
        using (var client = dynalite.CreateClient())
        {
            await client.PutItemAsync(new PutItemRequest { TableName = SharedTable, Item = legacy });
        }

        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(9, read.Loaded().Count);
        Assert.Equal(text, read.Loaded().Text);
        Assert.Equal("legacy-etag", read.ETag);

        read.State!.Count = 10;
        await storage.WriteStateAsync(State, grain, read);

        var raw = (await RawItemAsync(dynalite, State, grain))!;
        Assert.False(raw.ContainsKey(GrainStateItem.State));
        Assert.Contains("\"Count\":10", StoredStates.Json(raw), StringComparison.Ordinal);
        Assert.True(GrainStateItem.SizeOf(raw) < GrainStateItem.SizeOf(legacy));
    }

    [Fact]
    public async Task Write_LargeState_MetricsCountTheCompressedItem()
    {
        var provider = "gzip-" + Guid.NewGuid().ToString("N")[..8];
        using var counters = new ProviderCounters(provider);
        using var storage = await StartAsync(dynalite, name: provider);
        var grain = NewGrainId();
        var text = LedgerText(500);

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Text = text }));

        var stored = GrainStateItem.SizeOf((await RawItemAsync(dynalite, State, grain))!);
        Assert.True(stored < text.Length / 4, $"stored {stored} bytes of a {text.Length}-character state");
        Assert.Equal(stored, counters.Of("privatelending.storage.written"));
        Assert.Equal(DynamoDbItemSize.WriteUnits(stored), counters.Of("privatelending.storage.write_units"));
    }

    [Fact]
    public async Task WriteState_PlainItemOverLimitThatCompressesUnder_IsStoredAndReadBack()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = new CounterState { Text = LedgerText(12_000) };
        Assert.True(state.Text.Length > GrainStateItem.MaxItemBytes);

        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(state));

        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(state.Text, read.Loaded().Text);
    }

    [Fact]
    public async Task ClearState_AfterCompressedWrite_LeavesTombstoneWithoutState()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Text = LedgerText(500) });
        await storage.WriteStateAsync(State, grain, state);

        await storage.ClearStateAsync(State, grain, state);

        var raw = (await RawItemAsync(dynalite, State, grain))!;
        Assert.False(raw.ContainsKey(GrainStateItem.StateGzip));
        Assert.True(raw[GrainStateItem.Cleared].BOOL);
        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Theory]
    [InlineData("not-gzip")]
    [InlineData("truncated")]
    [InlineData("not-utf8")]
    [InlineData("not-json")]
    [InlineData("string-typed")]
    public async Task ReadState_CorruptCompressedState_ThrowsUnreadableGrainState(string corruption)
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Text = LedgerText(500) }));
        var raw = (await RawItemAsync(dynalite, State, grain))!;
        var gzip = raw[GrainStateItem.StateGzip].B.ToArray();
        raw[GrainStateItem.StateGzip] = corruption switch
        {
            "not-gzip" => Binary(Encoding.UTF8.GetBytes("{\"Count\":1}")),
            "truncated" => Binary(gzip[..(gzip.Length / 2)]),
            "not-utf8" => Binary(GrainStateCompression.Compress([0xC3, 0x28, 0xFF, 0xFE], CompressionLevel.Fastest)),
            "not-json" => Binary(GrainStateCompression.Compress(Encoding.UTF8.GetBytes("{\"Count\":"), CompressionLevel.Fastest)),
            _ => new AttributeValue { S = Convert.ToBase64String(gzip) },
        };
        using (var client = dynalite.CreateClient())
        {
            await client.PutItemAsync(new PutItemRequest { TableName = SharedTable, Item = raw });
        }

        var error = await Assert.ThrowsAsync<UnreadableGrainStateException>(() => storage.ReadStateAsync(State, grain, Empty<CounterState>()));

        Assert.Equal(grain.ToString(), error.GrainId);
        Assert.Equal(State, error.StateName);
    }

    [Fact]
    public async Task StoredStatesText_SecretInCompressedState_IsFoundWhereStringValuesMissIt()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        const string secret = "whsec_stored-in-clear-by-mistake";
        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Text = LedgerText(500) + secret }));

        var raw = (await RawItemAsync(dynalite, State, grain))!;

        // What the raw-item checks looked at before: the string values. They no longer hold the state.
        Assert.DoesNotContain(raw.Values, v => v.S?.Contains(secret, StringComparison.Ordinal) ?? false);
        Assert.Contains(secret, StoredStates.Text(raw), StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_SavesBytesButNoWholeWriteUnit_KeepsThePlainState()
    {
        // Random base64 compresses to about three quarters: 1,500 characters stay above one kilobyte either way.
        var text = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1125));
        var key = GrainStateKey.Create(ServiceId, State, NewGrainId());
        var item = GrainStateItem.Create(key, GrainStateETag.New(), "{\"Text\":\"" + text + "\"}", DateTimeOffset.UtcNow);
        var plainSize = GrainStateItem.SizeOf(item);
        Assert.True(GrainStateCompression.Compress(Encoding.UTF8.GetBytes(text), CompressionLevel.Optimal).Length < text.Length);

        GrainStateCompression.Compact(item, CompressionLevel.Optimal);

        Assert.Equal(plainSize, GrainStateItem.SizeOf(item));
        Assert.Equal(2, DynamoDbItemSize.WriteUnits(plainSize));
        Assert.False(item.ContainsKey(GrainStateItem.StateGzip));
    }

    /// <summary>About 40 characters a line of repetitive, ledger-like text: compresses well, as real states do.</summary>
    private static string LedgerText(int lines) =>
        string.Concat(Enumerable.Range(0, lines).Select(i => string.Create(CultureInfo.InvariantCulture, $"participant {i:D5} accepted {i % 97}.50 USD; ")));

    private static AttributeValue Binary(byte[] bytes) => new() { B = new MemoryStream(bytes) };
}
