using Orleans;
using Orleans.Runtime;
using PrivateLending.Silo.Reminders;
using PrivateLending.TestSupport;
using Xunit;

namespace PrivateLending.Silo.Tests.Reminders;

/// <summary>The reminder table's contract against real dynalite: ETags, conditional removes, reads by grain and by hash range.</summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class ReminderTableTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task UpsertRow_NewReminder_ReturnsETagAndReadsBackExactly()
    {
        using var table = await StartAsync();
        var entry = Reminder(NewGrain(), "daily");

        var etag = await table.UpsertRow(entry);

        var stored = await table.ReadRow(entry.GrainId, "daily");
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal((entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period, etag), (stored.GrainId, stored.ReminderName, stored.StartAt, stored.Period, stored.ETag));
        Assert.Equal(DateTimeKind.Utc, stored.StartAt.Kind);
    }

    [Fact]
    public async Task UpsertRow_TwentyInParallel_GiveDistinctETagsAndTheStoredOneIsAmongThem()
    {
        using var table = await StartAsync();
        var grain = NewGrain();

        var etags = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => table.UpsertRow(Reminder(grain, "same", TimeSpan.FromMinutes(i + 1))))));

        Assert.Equal(20, etags.Distinct(StringComparer.Ordinal).Count());
        var stored = await table.ReadRow(grain, "same");
        Assert.Contains(stored!.ETag, etags);
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_WrongETagOrName_ReturnsFalseAndKeepsTheReminder()
    {
        using var table = await StartAsync();
        var grain = NewGrain();
        var etag = await table.UpsertRow(Reminder(grain, "r"));
        var newer = await table.UpsertRow(Reminder(grain, "r"));

        Assert.False(await table.RemoveRow(grain, "r", etag!));
        Assert.False(await table.RemoveRow(grain, "other", newer!));
        Assert.False(await table.RemoveRow(NewGrain(), "r", newer!));
        Assert.Equal(newer, (await table.ReadRow(grain, "r"))!.ETag);

        Assert.True(await table.RemoveRow(grain, "r", newer!));
        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.False(await table.RemoveRow(grain, "r", newer!));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsThatGrainsRemindersOnly()
    {
        using var table = await StartAsync();
        // Grain ids that share prefixes or contain the key separator must not see each other's reminders.
        var grain = GrainId.Create("loan", "a|b");
        var others = new[] { GrainId.Create("loan", "a"), GrainId.Create("loan", "a|b|c"), GrainId.Create("loan", "a%7Cb"), NewGrain() };
        foreach (var name in new[] { "one", "two", "three" })
        {
            await table.UpsertRow(Reminder(grain, name));
        }

        foreach (var other in others)
        {
            await table.UpsertRow(Reminder(other, "b|one"));
            await table.UpsertRow(Reminder(other, "one"));
        }

        var rows = (await table.ReadRows(grain)).Reminders;

        Assert.Equal(["one", "three", "two"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
        foreach (var other in others)
        {
            Assert.Equal(["b|one", "one"], (await table.ReadRows(other)).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task ReadRow_NamesWithSpecialCharacters_RoundTrip()
    {
        using var table = await StartAsync();
        var grain = NewGrain();
        string[] names = ["a/b", @"a\b", "a#b", "a?b", "a|b", "a%7Cb", "ünïcødé €", " spaced ", "/\\#?"];
        foreach (var name in names)
        {
            await table.UpsertRow(Reminder(grain, name));
        }

        foreach (var name in names)
        {
            Assert.Equal(name, (await table.ReadRow(grain, name))?.ReminderName);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData(@"a\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData(@"/\#?")]
    public async Task UpsertRow_GrainKeyWithSpecialCharacters_ReadsAndRemovesByThatGrain(string key)
    {
        using var table = await StartAsync();
        var grain = GrainId.Create("loan", key);
        var etag = await table.UpsertRow(Reminder(grain, "r"));

        Assert.Equal(grain, (await table.ReadRow(grain, "r"))?.GrainId);
        Assert.Equal(grain, Assert.Single((await table.ReadRows(grain)).Reminders).GrainId);
        var hash = grain.GetUniformHashCode();
        Assert.Contains((await table.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId.Equals(grain));

        Assert.True(await table.RemoveRow(grain, "r", etag!));
        Assert.Null(await table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task ReadRows_RandomAndWrappingHashRanges_ReturnExactlyTheRowsInRange()
    {
        // Pages of three items, so every multi-item read follows LastEvaluatedKey.
        using var table = await StartAsync(pageSize: 3);
        var grains = Enumerable.Range(0, 80).Select(_ => NewGrain()).ToList();
        await Task.WhenAll(grains.Select(g => table.UpsertRow(Reminder(g, "r"))));
        var hashes = grains.Select(g => g.GetUniformHashCode()).ToList();
        var random = new Random(1234);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0, 0), (uint.MaxValue, uint.MaxValue), (12345, 12345),
            (hashes[0], hashes[1]), (hashes[1], hashes[0]), (hashes[2] - 1, hashes[2]), (hashes[3], hashes[3] + 1),
            (0x0FFF_FFFF, 0x1000_0000), (0xEFFF_FFFF, 0x1000_0000),
        };
        for (var i = 0; i < 30; i++)
        {
            ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order(StringComparer.Ordinal).ToList();

            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal).ToList();

            Assert.True(expected.SequenceEqual(actual), $"Range ({begin}, {end}]: expected {expected.Count} rows, got {actual.Count}.");
        }
    }

    [Fact]
    public async Task ReadRows_ByGrain_ManyRemindersAcrossPages_ReadsToTheEnd()
    {
        using var table = await StartAsync(pageSize: 2);
        var grain = NewGrain();
        for (var i = 0; i < 11; i++)
        {
            await table.UpsertRow(Reminder(grain, $"r{i}"));
        }

        Assert.Equal(11, (await table.ReadRows(grain)).Reminders.Count);
        Assert.Equal(11, (await table.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesThisServicesRemindersOnly()
    {
        var tableName = DynaliteFixture.UniqueTableName("reminders");
        using var mine = await StartAsync(tableName: tableName);
        using var theirs = await StartAsync(tableName: tableName);
        var grain = NewGrain();
        await mine.UpsertRow(Reminder(grain, "mine"));
        await theirs.UpsertRow(Reminder(grain, "theirs"));

        await mine.TestOnlyClearTable();

        Assert.Empty((await mine.ReadRows(0, 0)).Reminders);
        Assert.Equal("theirs", Assert.Single((await theirs.ReadRows(grain)).Reminders).ReminderName);
    }

    // Orleans' ring range: (begin, end], wrapping past uint.MaxValue when begin >= end.
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId NewGrain() => GrainId.Create("loan", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567),
        Period = period ?? TimeSpan.FromMinutes(1.5),
    };

    /// <summary>Each table gets its own service id, so tests sharing a table never see each other's reminders.</summary>
    private async Task<DynamoDbReminderTable> StartAsync(int? pageSize = null, string? tableName = null)
    {
        var table = new DynamoDbReminderTable(
            new DynamoDbReminderOptions
            {
                ServiceUrl = dynalite.ServiceUrl,
                Region = "us-east-1",
                AccessKey = "local",
                SecretKey = "local",
                ReminderTableName = tableName ?? "reminder-tests",
                QueryPageSize = pageSize,
            },
            $"service-{Guid.NewGuid():N}");
        await table.StartAsync();
        return table;
    }
}
