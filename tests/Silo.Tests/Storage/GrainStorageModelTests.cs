using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// Random reads, writes and clears from several "activations" per grain, stale ETags included, checked step by step
/// against an in-memory model of what DynamoDB must hold.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageModelTests(DynaliteFixture dynalite)
{
    private const int Steps = 300;
    private static readonly string[] StateNames = ["alpha", "beta"];

    [Theory]
    [InlineData(20240601, false)]
    [InlineData(777, true)]
    public async Task RandomOperations_AgainstModel_MatchEveryStep(int seed, bool deleteOnClear)
    {
        using var storage = await StartAsync(dynalite, o => o.DeleteStateOnClear = deleteOnClear);
        var random = new Random(seed);
        var keys = (from grain in Enumerable.Range(0, 3).Select(_ => NewGrainId())
                    from name in StateNames
                    select new Slot(grain, name)).ToArray();

        for (var step = 0; step < Steps; step++)
        {
            var slot = keys[random.Next(keys.Length)];
            var handle = slot.Handles[random.Next(slot.Handles.Length)];
            var where = $"seed {seed}, step {step}, {slot.Name}";
            var roll = random.Next(100);
            if (roll < 15)
            {
                // A stale or foreign ETag: none, one this record had before, or one it never had.
                handle.ETag = random.Next(3) switch
                {
                    0 => null,
                    1 when slot.Seen.Count > 0 => slot.Seen.ElementAt(random.Next(slot.Seen.Count)),
                    _ => "0123456789abcdef0123456789abcdef",
                };
            }

            if (roll < 35)
            {
                await ReadAndCompareAsync(storage, slot, handle, where);
            }
            else if (roll < 80)
            {
                handle.State = Account($"s{step}", random.Next(0, 1_000_000) / 100m);
                await ApplyAsync(slot, handle, where, cleared: false, () => storage.WriteStateAsync(slot.Name, slot.Grain, handle));
            }
            else
            {
                await ApplyAsync(slot, handle, where, cleared: true, () => storage.ClearStateAsync(slot.Name, slot.Grain, handle));
            }

            await ReadAndCompareAsync(storage, slot, Empty<AccountState>(), where + " (check)");
        }

        Assert.True(keys.Sum(k => k.Seen.Count) > Steps / 4, "the run should have made many successful writes");
    }

    private static async Task ApplyAsync(Slot slot, GrainState<AccountState> handle, string where, bool cleared, Func<Task> operation)
    {
        var expectSuccess = (string.IsNullOrEmpty(handle.ETag) ? null : handle.ETag) == slot.ETag;
        var before = handle.ETag;
        if (expectSuccess)
        {
            await operation();
            slot.Exists = !cleared;
            slot.Value = cleared ? null : handle.State;
            slot.ETag = handle.ETag;
            Assert.True(handle.RecordExists != cleared, where);
            if (handle.ETag is not null)
            {
                Assert.True(slot.Seen.Add(handle.ETag), $"{where}: ETag {handle.ETag} repeated");
            }
        }
        else
        {
            var error = await Assert.ThrowsAsync<InconsistentStateException>(operation);
            Assert.Equal(slot.ETag, error.StoredEtag);
            Assert.Equal(before, handle.ETag);
        }
    }

    private static async Task ReadAndCompareAsync(DynamoDbGrainStorage storage, Slot slot, GrainState<AccountState> into, string where)
    {
        await storage.ReadStateAsync(slot.Name, slot.Grain, into);
        Assert.True(slot.Exists == into.RecordExists, $"{where}: RecordExists {into.RecordExists}, model {slot.Exists}");
        Assert.True(slot.ETag == into.ETag, $"{where}: ETag {into.ETag}, model {slot.ETag}");
        Assert.NotNull(into.State);
        Assert.True((slot.Value ?? new AccountState()).SameAs(into.Loaded()), $"{where}: state {into.State}, model {slot.Value}");
    }

    private sealed class Slot(GrainId grain, string name)
    {
        public GrainId Grain { get; } = grain;

        public string Name { get; } = name;

        /// <summary>Two activations of the same grain state, as after a silo failure; each may hold a stale ETag.</summary>
        public GrainState<AccountState>[] Handles { get; } = [Empty<AccountState>(), Empty<AccountState>()];

        public HashSet<string> Seen { get; } = [];

        public string? ETag { get; set; }

        public bool Exists { get; set; }

        public AccountState? Value { get; set; }
    }
}
