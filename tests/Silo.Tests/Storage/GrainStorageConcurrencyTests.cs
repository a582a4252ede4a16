using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Optimistic concurrency: every write and clear is conditional on the ETag, for both clear modes.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageConcurrencyTests(DynaliteFixture dynalite)
{
    private const string State = "account";

    [Fact]
    public async Task WriteState_DuplicateInsert_ThrowsInconsistentStateAndKeepsFirst()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var first = new GrainState<AccountState>(Account("first", 1m));
        await storage.WriteStateAsync(State, grain, first);

        var second = new GrainState<AccountState>(Account("second", 2m));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, grain, second));

        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        Assert.Null(second.ETag);
        await AssertStoredAsync(storage, grain, first.ETag, "first");
    }

    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentStateAndKeepsLatest()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var activationA = new GrainState<AccountState>(Account("v1", 1m));
        await storage.WriteStateAsync(State, grain, activationA);
        var activationB = new GrainState<AccountState>(activationA.State) { ETag = activationA.ETag };
        activationA.State = Account("v2", 2m);
        await storage.WriteStateAsync(State, grain, activationA);

        activationB.State = Account("lost-update", 3m);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, grain, activationB));

        Assert.Equal(activationA.ETag, error.StoredEtag);
        Assert.NotEqual(error.StoredEtag, error.CurrentEtag);
        await AssertStoredAsync(storage, grain, activationA.ETag, "v2");
    }

    [Fact]
    public async Task WriteState_TenConcurrentWritersWithSameETag_ExactlyOneWins()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var seed = new GrainState<AccountState>(Account("seed", 0m));
        await storage.WriteStateAsync(State, grain, seed);
        var writers = Enumerable.Range(1, 10)
            .Select(i => new GrainState<AccountState>(Account($"writer-{i}", i)) { ETag = seed.ETag })
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await storage.WriteStateAsync(State, grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = writers[Assert.Single(Enumerable.Range(0, 10), i => outcomes[i])];
        await AssertStoredAsync(storage, grain, winner.ETag, winner.Loaded().Owner);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearState_StaleETag_ThrowsInconsistentStateAndKeepsLatest(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var activationA = new GrainState<AccountState>(Account("v1", 1m));
        await storage.WriteStateAsync(State, grain, activationA);
        var activationB = new GrainState<AccountState>(activationA.State) { ETag = activationA.ETag };
        activationA.State = Account("v2", 2m);
        await storage.WriteStateAsync(State, grain, activationA);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, grain, activationB));

        Assert.Equal(activationA.ETag, error.StoredEtag);
        await AssertStoredAsync(storage, grain, activationA.ETag, "v2");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearState_WithoutETagWhileRecordExists_ThrowsInconsistentState(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var written = new GrainState<AccountState>(Account("kept", 1m));
        await storage.WriteStateAsync(State, grain, written);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, grain, Empty<AccountState>()));

        await AssertStoredAsync(storage, grain, written.ETag, "kept");
    }

    [Fact]
    public async Task WriteState_IdenticalValues_ChangesETagEveryTime()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = new GrainState<AccountState>(Account("same", 5m));
        var seen = new HashSet<string>();

        for (var i = 0; i < 5; i++)
        {
            await storage.WriteStateAsync(State, grain, state);
            Assert.True(seen.Add(state.ETag!), $"ETag {state.ETag} repeated on write {i + 1}");
        }

        await AssertStoredAsync(storage, grain, state.ETag, "same");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteClearWrite_InSequence_EndsWithSecondWrite(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var state = new GrainState<AccountState>(Account("one", 1m));
        await storage.WriteStateAsync(State, grain, state);
        var firstETag = state.ETag;

        await storage.ClearStateAsync(State, grain, state);
        Assert.False(state.RecordExists);
        Assert.Equal(0m, state.Loaded().Balance);
        Assert.Equal(deleteOnClear, state.ETag is null);
        var afterClear = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, afterClear);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(state.ETag, afterClear.ETag);

        state.State = Account("two", 2m);
        await storage.WriteStateAsync(State, grain, state);

        Assert.NotEqual(firstETag, state.ETag);
        await AssertStoredAsync(storage, grain, state.ETag, "two");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearState_BeforeAnyWrite_SucceedsAndReadsAsMissing(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var state = Empty<AccountState>();

        await storage.ClearStateAsync(State, grain, state);

        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        state.State = Account("after", 1m);
        await storage.WriteStateAsync(State, grain, state);
        await AssertStoredAsync(storage, grain, state.ETag, "after");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearState_Repeated_SucceedsEachTime(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var state = new GrainState<AccountState>(Account("x", 1m));
        await storage.WriteStateAsync(State, grain, state);

        for (var i = 0; i < 3; i++)
        {
            await storage.ClearStateAsync(State, grain, state);
            Assert.False(state.RecordExists);
        }

        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteState_ETagFromBeforeClear_IsRefusedAfterRecreate(bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var grain = NewGrainId();
        var owner = new GrainState<AccountState>(Account("old-life", 1m));
        await storage.WriteStateAsync(State, grain, owner);
        var stale = new GrainState<AccountState>(Account("zombie", 666m)) { ETag = owner.ETag };
        await storage.ClearStateAsync(State, grain, owner);
        owner.State = Account("new-life", 2m);
        await storage.WriteStateAsync(State, grain, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, grain, stale));

        await AssertStoredAsync(storage, grain, owner.ETag, "new-life");
    }

    [Fact]
    public async Task WriteState_NullETagAfterTombstone_IsRefused()
    {
        // With tombstones (the default) a writer that never saw the record cannot overwrite a history it missed.
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var owner = new GrainState<AccountState>(Account("a", 1m));
        await storage.WriteStateAsync(State, grain, owner);
        await storage.ClearStateAsync(State, grain, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account("blind", 9m))));
    }

    private static async Task AssertStoredAsync(DynamoDbGrainStorage storage, GrainId grain, string? eTag, string owner)
    {
        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal(owner, read.Loaded().Owner);
    }
}
