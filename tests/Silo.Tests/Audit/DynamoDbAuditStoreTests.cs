using System.Collections.Immutable;
using Amazon.DynamoDBv2;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Silo.Audit;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Audit;

/// <summary>The DynamoDB audit store against real dynalite: batched idempotent puts, every filter, exact paging.</summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class DynamoDbAuditStoreTests(DynaliteFixture dynalite)
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_SameEntryTwice_StoresOneUnchanged()
    {
        using var store = await StartAsync();
        var entry = Entry("e1", T0, "loan", "L1", Guid.NewGuid());

        await store.AppendAsync([entry], CancellationToken.None);
        await store.AppendAsync([entry], CancellationToken.None);
        await store.AppendAsync([entry, entry], CancellationToken.None);

        var page = await store.SearchAsync(Query(), CancellationToken.None);
        var stored = Assert.Single(page.Items);
        Assert.Equal(entry.Action, stored.Action);
        Assert.Equal(entry.Changes.ToArray(), stored.Changes.ToArray());
        Assert.Equal(entry.Request, stored.Request);
        Assert.Equal(entry.At, stored.At);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentCallers_StoresEveryEntryInFewerRequestsOfAtMost25()
    {
        using var client = new BatchCountingClient(dynalite.ServiceUrl);
        using var store = await StartAsync(client);
        var entries = Enumerable.Range(0, 200).Select(i => Entry($"c{i:000}", T0.AddSeconds(i), "loan", "L" + (i % 7), null)).ToList();

        await Task.WhenAll(entries.Select(e => Task.Run(() => store.AppendAsync([e], CancellationToken.None))));

        Assert.Equal(entries.Select(e => e.EntryId).Order(), (await IdsAsync(store, Query() with { Limit = 500 })).Order());
        Assert.All(client.BatchSizes, size => Assert.InRange(size, 1, 25));
        Assert.Equal(200, client.BatchSizes.Sum());
        Assert.True(client.BatchSizes.Count < 200, $"{client.BatchSizes.Count} requests for 200 concurrent entries: nothing was batched");
    }

    [Fact]
    public async Task AppendAsync_StoreLeavesItemsUnprocessed_SendsThemAgainUntilStored()
    {
        using var client = new BatchCountingClient(dynalite.ServiceUrl) { LeaveUnprocessedOnce = 10 };
        using var store = await StartAsync(client);
        var entries = Enumerable.Range(0, 20).Select(i => Entry($"u{i:00}", T0.AddSeconds(i), "loan", "L1", null)).ToList();

        await store.AppendAsync(entries, CancellationToken.None);

        Assert.Equal(entries.Select(e => e.EntryId).Order(), (await IdsAsync(store, Query())).Order());
        Assert.Equal([20, 10], client.BatchSizes);
    }

    [Fact]
    public async Task AppendMissingAsync_MostAlreadyStored_WritesOnlyTheMissingAndKeepsTheStoredAsTheyAre()
    {
        using var client = new BatchCountingClient(dynalite.ServiceUrl);
        using var store = await StartAsync(client);
        // More than one lookup request's worth (100 keys), so the lookup's chunks are exercised too.
        var entries = Enumerable.Range(0, 130).Select(i => Entry($"m{i:000}", T0.AddSeconds(i), "loan", "L1", null)).ToList();
        var stored = entries.Where((_, i) => i % 10 != 0).ToList();
        await store.AppendAsync(stored, CancellationToken.None);
        var writtenBefore = client.BatchSizes.Sum();

        // A re-send of all of them (one marked as changed, to see that a stored entry is not written again).
        var resent = entries.Select((e, i) => i == 1 ? e with { Action = "loan.cancelled" } : e).ToList();
        await store.AppendMissingAsync(resent, CancellationToken.None);

        Assert.Equal(stored.Count, writtenBefore);
        Assert.Equal(entries.Count - stored.Count, client.BatchSizes.Sum() - writtenBefore);
        Assert.Equal(entries.Select(e => e.EntryId).Order(), (await IdsAsync(store, Query() with { Limit = 500 })).Order());
        var page = await store.SearchAsync(Query() with { Limit = 500 }, CancellationToken.None);
        Assert.Equal("loan.updated", Assert.Single(page.Items, e => e.EntryId == "m001").Action);
    }

    [Fact]
    public async Task AppendMissingAsync_AllStored_WritesNothing()
    {
        using var client = new BatchCountingClient(dynalite.ServiceUrl);
        using var store = await StartAsync(client);
        var entries = Enumerable.Range(0, 5).Select(i => Entry($"s{i}", T0.AddSeconds(i), "loan", "L1", null)).ToList();
        await store.AppendAsync(entries, CancellationToken.None);
        var requests = client.BatchSizes.Count;

        await store.AppendMissingAsync(entries, CancellationToken.None);

        Assert.Equal(requests, client.BatchSizes.Count);
    }

    [Fact]
    public async Task SearchAsync_EachFilter_ReturnsOnlyMatchingNewestFirst()
    {
        using var store = await StartAsync();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        await store.AppendAsync(
        [
            Entry("a", T0, "loan", "L1", alice),
            Entry("b", T0.AddMinutes(1), "participant", "P1", bob),
            Entry("c", T0.AddMinutes(2), "loan", "L1", bob),
            Entry("d", T0.AddMinutes(3), "loan", "L2", alice),
            Entry("e", T0.AddMinutes(4), "loan", "L1", null),
        ], CancellationToken.None);

        Assert.Equal(["e", "d", "c", "b", "a"], await IdsAsync(store, Query()));
        Assert.Equal(["e", "c", "a"], await IdsAsync(store, Query() with { RecordType = "loan", RecordId = "L1" }));
        Assert.Equal(["c"], await IdsAsync(store, Query() with { RecordType = "loan", RecordId = "L1", ActorId = bob }));
        Assert.Equal(["d", "a"], await IdsAsync(store, Query() with { ActorId = alice }));
        Assert.Equal(["c"], await IdsAsync(store, Query() with { ActorId = bob, RecordType = "loan" }));
        Assert.Equal(["b"], await IdsAsync(store, Query() with { RecordType = "participant" }));
        Assert.Equal(["c", "b"], await IdsAsync(store, Query() with { From = T0.AddMinutes(1), To = T0.AddMinutes(3) }));
        Assert.Equal(["e", "d"], await IdsAsync(store, Query() with { From = T0.AddMinutes(3) }));
        Assert.Equal(["a"], await IdsAsync(store, Query() with { To = T0.AddMinutes(1) }));
    }

    [Fact]
    public async Task SearchAsync_Pages_WalkEveryEntryOnceAndLastPageSaysNoMore()
    {
        using var store = await StartAsync();
        var actor = Guid.NewGuid();
        // Entries of another record in between, so the filtered query's pages skip items.
        await store.AppendAsync(
            [.. Enumerable.Range(0, 7).SelectMany(i => new[]
            {
                Entry($"mine-{i}", T0.AddSeconds(2 * i), "loan", "L1", actor),
                Entry($"other-{i}", T0.AddSeconds((2 * i) + 1), "loan", "L2", actor),
            })],
            CancellationToken.None);

        var seen = new List<string>();
        var pages = 0;
        var query = Query() with { RecordType = "loan", ActorId = actor, Limit = 3 };
        Page<AuditEntry> page;
        var filtered = Query() with { RecordType = "loan", RecordId = "L1", ActorId = actor, Limit = 3 };
        string? after = null;
        do
        {
            page = await store.SearchAsync(filtered with { After = after }, CancellationToken.None);
            seen.AddRange(page.Items.Select(e => e.EntryId));
            after = page.NextCursor;
            pages++;
        }
        while (page.HasMore);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"mine-{i}"), seen);
        Assert.Equal(3, pages);
        var actorPage = await store.SearchAsync(query with { Limit = 12 }, CancellationToken.None);
        Assert.Equal(12, actorPage.Items.Length);
        Assert.True(actorPage.HasMore);
    }

    [Fact]
    public async Task SearchAsync_BadCursor_IsAValidationError()
    {
        using var store = await StartAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => store.SearchAsync(Query() with { After = "nonsense" }, CancellationToken.None));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
    }

    private static async Task<List<string>> IdsAsync(DynamoDbAuditStore store, AuditQuery query) =>
        [.. (await store.SearchAsync(query, CancellationToken.None)).Items.Select(e => e.EntryId)];

    private static AuditQuery Query() => new(null, null, null, null, null, 100);

    private static AuditEntry Entry(string id, DateTimeOffset at, string type, string recordId, Guid? actor) =>
        new(id, at, actor, "loan.updated", type, recordId,
            [new FieldChange("amount", "100", "200"), new FieldChange("purpose", null, "a, \"quoted\" purpose")],
            new AuditRequest(actor, "203.0.113.9", "tests/1.0", "req-" + id));

    private async Task<DynamoDbAuditStore> StartAsync(IAmazonDynamoDB? client = null)
    {
        var store = new DynamoDbAuditStore(
            new DynamoDbAuditOptions
            {
                ServiceUrl = dynalite.ServiceUrl,
                Region = "us-east-1",
                AccessKey = "local",
                SecretKey = "local",
                AuditTableName = DynaliteFixture.UniqueTableName("audit"),
            },
            client);
        await store.EnsureTableAsync(CancellationToken.None);
        return store;
    }
}
