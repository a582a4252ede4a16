using Orleans;
using Orleans.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageBasicTests(DynaliteFixture dynalite)
{
    private const string State = "account";

    [Fact]
    public async Task WriteState_ThenRead_ReturnsStateAndETag()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var written = new GrainState<AccountState>(Account("ann", 10.5m, new LedgerLine("open", 10.5m, DateTimeOffset.UnixEpoch, LineKind.Credit)));

        await storage.WriteStateAsync(State, grain, written);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(written.Loaded().SameAs(read.Loaded()));
    }

    [Fact]
    public async Task ReadState_MissingRecord_ReturnsFreshDefaultStateAndNullETag()
    {
        using var storage = await StartAsync(dynalite);
        var stale = new GrainState<AccountState>(Account("left-over", 99m)) { ETag = "old", RecordExists = true };

        await storage.ReadStateAsync(State, NewGrainId(), stale);

        Assert.False(stale.RecordExists);
        Assert.Null(stale.ETag);
        Assert.NotNull(stale.State);
        Assert.Equal(string.Empty, stale.Loaded().Owner);
        Assert.Equal(0m, stale.Loaded().Balance);
    }

    [Fact]
    public async Task ReadState_MissingRecordOfTypeWithoutDefaultConstructor_ReturnsNonNullInstance()
    {
        using var storage = await StartAsync(dynalite);
        var state = new GrainState<PositionalState>();

        await storage.ReadStateAsync(State, NewGrainId(), state);

        Assert.NotNull(state.State);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ReadState_DifferentStateNames_AreIndependent()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var first = new GrainState<AccountState>(Account("first", 1m));
        var second = new GrainState<AccountState>(Account("second", 2m));

        await storage.WriteStateAsync("first", grain, first);
        await storage.WriteStateAsync("second", grain, second);
        await storage.ClearStateAsync("first", grain, first);

        var readFirst = Empty<AccountState>();
        var readSecond = Empty<AccountState>();
        var readThird = Empty<AccountState>();
        await storage.ReadStateAsync("first", grain, readFirst);
        await storage.ReadStateAsync("second", grain, readSecond);
        await storage.ReadStateAsync("third", grain, readThird);
        Assert.False(readFirst.RecordExists);
        Assert.True(readSecond.RecordExists);
        Assert.Equal("second", readSecond.Loaded().Owner);
        Assert.Equal(second.ETag, readSecond.ETag);
        Assert.False(readThird.RecordExists);
    }

    [Fact]
    public async Task ReadState_SameGrainUnderAnotherServiceId_IsIsolated()
    {
        using var storage = await StartAsync(dynalite);
        using var other = await StartAsync(dynalite, o => o.ServiceId = "another-service");
        var grain = NewGrainId();
        await storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account("mine", 1m)));

        var read = Empty<AccountState>();
        await other.ReadStateAsync(State, grain, read);

        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task WriteState_NonAsciiText_RoundTripsAndIsStoredReadable()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        const string owner = "Zoë 北京 🚀 \"quoted\" \\ back";
        await storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account(owner, 1m)));

        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(owner, read.Loaded().Owner);

        var raw = await RawItemAsync(dynalite, State, grain);
        // Letters stay readable; the encoder still writes characters beyond the BMP (the rocket) as \u escapes.
        Assert.Contains("Zoë 北京 ", raw![GrainStateItem.State].S, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234567.89")]
    [InlineData("0.1")]
    [InlineData("0.10")]
    [InlineData("-0.01")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public async Task WriteState_Decimal_RoundTripsExactlyWithScale(string text)
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        await storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account("d", amount, new LedgerLine("x", amount, DateTimeOffset.UnixEpoch, LineKind.Debit))));

        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);

        Assert.Equal(text, read.Loaded().Balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(text, read.Loaded().Lines[0].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var raw = await RawItemAsync(dynalite, State, grain);
        Assert.Contains($"\"Balance\":{text}", raw![GrainStateItem.State].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteState_PlainClassWithPublicField_RoundTrips()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        await storage.WriteStateAsync(State, grain, new GrainState<CounterState>(new CounterState { Count = 42, Text = "t" }));

        var read = Empty<CounterState>();
        await storage.ReadStateAsync(State, grain, read);

        Assert.Equal(42, read.Loaded().Count);
        Assert.Equal("t", read.Loaded().Text);
    }

    [Fact]
    public async Task WriteAndRead_HundredGrainsInParallel_AllRoundTrip()
    {
        using var storage = await StartAsync(dynalite);
        var grains = Enumerable.Range(0, 100).Select(i => (Id: NewGrainId(), Balance: 1000m + i + 0.01m)).ToArray();

        var etags = await Task.WhenAll(grains.Select(async g =>
        {
            var state = new GrainState<AccountState>(Account("p", g.Balance));
            await storage.WriteStateAsync(State, g.Id, state);
            return state.ETag;
        }));
        var reads = await Task.WhenAll(grains.Select(async g =>
        {
            var state = Empty<AccountState>();
            await storage.ReadStateAsync(State, g.Id, state);
            return state;
        }));

        for (var i = 0; i < grains.Length; i++)
        {
            Assert.True(reads[i].RecordExists);
            Assert.Equal(grains[i].Balance, reads[i].Loaded().Balance);
            Assert.Equal(etags[i], reads[i].ETag);
        }

        Assert.Equal(100, etags.Distinct().Count());
    }
}
