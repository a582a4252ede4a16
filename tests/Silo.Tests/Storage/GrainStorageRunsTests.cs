using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Lists kept in runs of their own items: what reads back, what is written, and what a failure leaves.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageRunsTests(DynaliteFixture dynalite)
{
    private const string State = "runs";

    [Fact]
    public async Task WriteState_RandomEditsOverManyWrites_ReadsBackEqualAndLeavesNoGarbage()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        var random = new Random(21);
        var state = new RunsState { Owner = "o" };
        var held = new GrainState<RunsState>(state);
        var nextId = 0;
        for (var write = 0; write < 40; write++)
        {
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                switch (random.Next(4))
                {
                    case 0 or 1:
                        state.Entries.Add(new RunEntry(nextId++, $"entry {nextId}", random.Next(1, 1000) / 100m));
                        state.Notes.Add($"note {random.Next(5)}");
                        break;
                    case 2 when state.Entries.Count > 0:
                        state.Entries.RemoveAt(0);
                        if (state.Notes.Count > 0)
                        {
                            state.Notes.RemoveAt(0);
                        }

                        break;
                    case 3 when random.Next(4) == 0:
                        state.Receipt = random.Next(3) == 0 ? null : new RunEntry(write, $"receipt {write}", write);
                        break;
                    case 3 when state.Entries.Count > 0:
                        var i = random.Next(state.Entries.Count);
                        state.Entries[i] = state.Entries[i] with { Text = $"changed {write}", Amount = state.Entries[i].Amount + 0.01m };
                        break;
                }
            }

            await storage.WriteStateAsync(State, grain, held);

            var read = Empty<RunsState>();
            await storage.ReadStateAsync(State, grain, read);
            Assert.True(state.SameAs(read.Loaded()), $"write {write}: read back differs");
        }

        Assert.True(state.Entries.Count > 10, "the edits should leave a list long enough for several runs");
        var hot = (await RawItemAsync(dynalite, State, grain))!;
        Assert.Equal(ListedRuns(hot).Count, (await RunItemsAsync(grain)).Count);
    }

    [Fact]
    public async Task WriteState_OneEntryChangedInPlace_WritesOnlyItsRunAndTheOwnItem()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, InRuns(), client);
        var grain = NewGrainId();
        var held = new GrainState<RunsState>(Filled(60));
        await storage.WriteStateAsync(State, grain, held);
        var runsBefore = ListedRuns((await RawItemAsync(dynalite, State, grain))!);
        var (puts, deletes) = (faults.Calls(nameof(client.PutItemAsync)), faults.Calls(nameof(client.DeleteItemAsync)));
        Assert.True(runsBefore.Count >= 10, $"only {runsBefore.Count} runs");
        Assert.Equal(runsBefore.Count + 1, puts);

        var changed = held.Loaded().Entries[10];
        held.Loaded().Entries[10] = changed with { Text = "changed in place" };
        await storage.WriteStateAsync(State, grain, held);

        var runsAfter = ListedRuns((await RawItemAsync(dynalite, State, grain))!);
        var replaced = runsBefore.Except(runsAfter).ToList();
        var onlyEntryRunChanged = replaced.Count == 1 && replaced[0].StartsWith("Entries/", StringComparison.Ordinal);
        var writtenRuns = faults.Calls(nameof(client.PutItemAsync)) - puts - 1;
        // Entry 10 may sit in the open tail (inline), then no run changes at all.
        Assert.True(onlyEntryRunChanged || replaced.Count == 0, $"replaced runs: {string.Join(", ", replaced)}");
        Assert.Equal(replaced.Count, writtenRuns);
        Assert.Equal(replaced.Count, faults.Calls(nameof(client.DeleteItemAsync)) - deletes);
        Assert.Equal(runsAfter.Count, (await RunItemsAsync(grain)).Count);
    }

    [Fact]
    public async Task WriteState_OwnItemPutFailsAfterRunsWritten_PreviousStateReadsBackIntact()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, InRuns(Fast(retries: 0)), client);
        var grain = NewGrainId();
        var held = new GrainState<RunsState>(Filled(30));
        await storage.WriteStateAsync(State, grain, held);
        var before = Copy(held.Loaded());

        // Every entry changes, so every run of Entries is written afresh before the own item's put, which then fails.
        held.Loaded().Entries = [.. held.Loaded().Entries.Select(e => e with { Text = "lost" })];
        var runPuts = ListedRuns((await RawItemAsync(dynalite, State, grain))!).Count(r => r.StartsWith("Entries/", StringComparison.Ordinal));
        var putsSeen = 0;
        faults.FailBefore = method => method == nameof(client.PutItemAsync) && ++putsSeen > runPuts
            ? new ProvisionedThroughputExceededException("slow down") : null;

        await Assert.ThrowsAsync<StorageThrottledException>(() => storage.WriteStateAsync(State, grain, held));

        Assert.True(putsSeen > runPuts, "the runs should have been written before the own item");
        faults.FailBefore = _ => null;
        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(before.SameAs(read.Loaded()));
        // Whether a failed put was applied is unknown, so the fresh runs stay: garbage nothing refers to.
        Assert.Equal(ListedRuns((await RawItemAsync(dynalite, State, grain))!).Count + runPuts, (await RunItemsAsync(grain)).Count);
    }

    /// <summary>A defect found by the benchmark: a timed-out put that the store had applied lost the runs it listed.</summary>
    [Fact]
    public async Task WriteState_OwnItemPutAppliedButReplyLost_NewStateReadsBack()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, InRuns(Fast(retries: 0)), client);
        var grain = NewGrainId();
        var held = new GrainState<RunsState>(Filled(30));
        await storage.WriteStateAsync(State, grain, held);

        held.Loaded().Entries = [.. held.Loaded().Entries.Select(e => e with { Text = "applied" })];
        var runPuts = ListedRuns((await RawItemAsync(dynalite, State, grain))!).Count(r => r.StartsWith("Entries/", StringComparison.Ordinal));
        var putsSeen = 0;
        faults.FailAfter = method => method == nameof(client.PutItemAsync) && ++putsSeen > runPuts ? new TimeoutException("reply lost") : null;

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync(State, grain, held));

        faults.FailAfter = _ => null;
        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(held.Loaded().SameAs(read.Loaded()));
    }

    [Fact]
    public async Task WriteState_DeleteOfReplacedRunFails_WriteSucceedsAndReadsBack()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, InRuns(Fast(retries: 0)), client);
        var grain = NewGrainId();
        var held = new GrainState<RunsState>(Filled(30));
        await storage.WriteStateAsync(State, grain, held);
        faults.FailBefore = method => method == nameof(client.DeleteItemAsync) ? new ProvisionedThroughputExceededException("slow down") : null;

        held.Loaded().Entries = [.. held.Loaded().Entries.Select(e => e with { Text = "kept" })];
        await storage.WriteStateAsync(State, grain, held);

        Assert.True(faults.Calls(nameof(client.DeleteItemAsync)) > 0);
        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(held.Loaded().SameAs(read.Loaded()));
        Assert.True((await RunItemsAsync(grain)).Count > ListedRuns((await RawItemAsync(dynalite, State, grain))!).Count, "the undeleted runs stay as garbage");
    }

    [Fact]
    public async Task WriteState_StaleWriter_ThrowsInconsistentStateAndLeavesTheOtherWrite()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        var first = new GrainState<RunsState>(Filled(30));
        await storage.WriteStateAsync(State, grain, first);
        var second = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, second);
        second.Loaded().Entries[0] = second.Loaded().Entries[0] with { Text = "second wins" };
        await storage.WriteStateAsync(State, grain, second);

        first.Loaded().Entries = [.. first.Loaded().Entries.Select(e => e with { Text = "stale" })];
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, grain, first));

        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(second.Loaded().SameAs(read.Loaded()));
        Assert.Equal(ListedRuns((await RawItemAsync(dynalite, State, grain))!).Count, (await RunItemsAsync(grain)).Count);
    }

    [Fact]
    public async Task ReadState_ItemWrittenWithoutRuns_LoadsAndNextWriteUsesRuns()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        var key = GrainStateKey.Create(ServiceId, State, grain);
        var entries = string.Join(",", Enumerable.Range(0, 20).Select(i => $"{{\"Id\":{i},\"Text\":\"old {i}\",\"Amount\":{i}.50}}"));
        using (var raw = dynalite.CreateClient())
        {
            await raw.PutItemAsync(new PutItemRequest
            {
                TableName = SharedTable,
                Item = GrainStateItem.Create(key, "old-etag", $"{{\"Owner\":\"legacy\",\"Entries\":[{entries}],\"Notes\":[\"a\",\"b\"]}}", DateTimeOffset.UtcNow),
            });
        }

        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal("legacy", read.Loaded().Owner);
        Assert.Equal(20, read.Loaded().Entries.Count);
        Assert.Equal(19.50m, read.Loaded().Entries[19].Amount);

        await storage.WriteStateAsync(State, grain, read);
        var again = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, again);
        Assert.True(read.Loaded().SameAs(again.Loaded()));
        Assert.NotEmpty(ListedRuns((await RawItemAsync(dynalite, State, grain))!));
    }

    [Fact]
    public async Task ClearState_StateWithRuns_RemovesTheRunItems()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        var held = new GrainState<RunsState>(Filled(30));
        await storage.WriteStateAsync(State, grain, held);
        Assert.NotEmpty(await RunItemsAsync(grain));

        await storage.ClearStateAsync(State, grain, held);

        Assert.Empty(await RunItemsAsync(grain));
        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Empty(read.Loaded().Entries);
    }

    [Fact]
    public async Task ReadState_ListedRunMissing_ThrowsUnreadable()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        await storage.WriteStateAsync(State, grain, new GrainState<RunsState>(Filled(30)));
        using (var raw = dynalite.CreateClient())
        {
            var victim = (await RunItemsAsync(grain))[0];
            await raw.DeleteItemAsync(SharedTable, new Dictionary<string, AttributeValue> { ["PK"] = new() { S = victim } });
        }

        await Assert.ThrowsAsync<UnreadableGrainStateException>(
            () => storage.ReadStateAsync(State, grain, Empty<RunsState>()));
    }

    [Fact]
    public async Task StoredStatesText_SecretInsideARun_IsFoundInTheRunItem()
    {
        using var storage = await StartAsync(dynalite, InRuns());
        var grain = NewGrainId();
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        var state = Filled(30);
        state.Entries[0] = state.Entries[0] with { Text = secret };
        await storage.WriteStateAsync(State, grain, new GrainState<RunsState>(state));

        using var client = dynalite.CreateClient();
        // Selected as the end-to-end secret checks select a grain's items: by GrainId.
        var holding = (await StoredStates.ScanAsync(client, SharedTable))
            .Where(item => item.TryGetValue("GrainId", out var id) && id.S == grain.ToString())
            .Where(item => StoredStates.Text(item).Contains(secret, StringComparison.Ordinal))
            .Select(item => item["PK"].S)
            .ToList();

        var key = GrainStateKey.Create(ServiceId, State, grain);
        Assert.Single(holding);
        Assert.StartsWith(key.PartitionKey + "#Entries#", holding[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteState_RunsNotSwitchedOn_StoresTheWholeStateInItsOwnItem()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var state = Filled(30);
        await storage.WriteStateAsync(State, grain, new GrainState<RunsState>(state));

        Assert.False((await RawItemAsync(dynalite, State, grain))!.ContainsKey(GrainStateItem.Runs));
        Assert.Empty(await RunItemsAsync(grain));
        var read = Empty<RunsState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.True(state.SameAs(read.Loaded()));
    }

    [Fact]
    public async Task WriteState_RunsSwitchedOffAfterARunsWrite_ReadsThemThenStoresWholeAndDeletesThem()
    {
        var grain = NewGrainId();
        var state = Filled(30);
        using (var on = await StartAsync(dynalite, InRuns()))
        {
            await on.WriteStateAsync(State, grain, new GrainState<RunsState>(state));
        }

        Assert.NotEmpty(await RunItemsAsync(grain));
        using var off = await StartAsync(dynalite);
        var held = Empty<RunsState>();
        await off.ReadStateAsync(State, grain, held);
        Assert.True(state.SameAs(held.Loaded()));

        held.Loaded().Notes.Add("written whole");
        await off.WriteStateAsync(State, grain, held);

        Assert.False((await RawItemAsync(dynalite, State, grain))!.ContainsKey(GrainStateItem.Runs));
        Assert.Empty(await RunItemsAsync(grain));
        var read = Empty<RunsState>();
        await off.ReadStateAsync(State, grain, read);
        Assert.True(held.Loaded().SameAs(read.Loaded()));
    }

    private static Action<DynamoDbStorageOptions> InRuns(Action<DynamoDbStorageOptions>? more = null) => o =>
    {
        o.WriteListsInRuns = true;
        more?.Invoke(o);
    };

    private static RunsState Filled(int count) => new()
    {
        Owner = "filled",
        Entries = [.. Enumerable.Range(0, count).Select(i => new RunEntry(i, $"entry {i} " + new string('x', 40), i + 0.25m))],
        Notes = [.. Enumerable.Range(0, count).Select(i => $"note {i}")],
        Receipt = new RunEntry(-1, "receipt", 1m),
    };

    private static RunsState Copy(RunsState s) => new() { Owner = s.Owner, Entries = [.. s.Entries], Notes = [.. s.Notes], Receipt = s.Receipt };

    /// <summary>The runs the own item lists, as "Property/id".</summary>
    private static List<string> ListedRuns(Dictionary<string, AttributeValue> hot) =>
        [.. System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, List<string>>>(hot[GrainStateItem.Runs].S)!
            .SelectMany(p => p.Value.Select(id => $"{p.Key}/{id}"))];

    /// <summary>Partition keys of every run item of the grain in the table, listed or not.</summary>
    private async Task<List<string>> RunItemsAsync(GrainId grain)
    {
        var prefix = GrainStateKey.Create(ServiceId, State, grain).PartitionKey + "#";
        using var client = dynalite.CreateClient();
        return [.. (await StoredStates.ScanAsync(client, SharedTable)).Select(i => i["PK"].S).Where(pk => pk.StartsWith(prefix, StringComparison.Ordinal))];
    }
}
