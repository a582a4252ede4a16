using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Borrowers;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class BorrowerIndexTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task GetLoansAsync_FortyFiveLoans_ThreePagesNewestFirstWithoutDuplicatesOrGaps()
    {
        var borrower = User();
        var created = new List<Guid>();
        for (var i = 0; i < 45; i++)
        {
            created.Add((await CreateLoanAsync(_grains, borrower, 100m + i, Invite(Email(), 1m))).View.LoanId);
        }

        var index = _grains.GetGrain<IBorrowerGrain>(borrower.UserId);
        var pages = new List<Page<Abstractions.Loans.LoanView>>();
        string? cursor = null;
        do
        {
            var page = await index.GetLoansAsync(new PageRequest(20, cursor));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([20, 20, 5], pages.Select(p => p.Items.Length));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        var seen = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(Enumerable.Reverse(created), seen.Select(v => v.LoanId));
        Assert.All(seen, v => Assert.Single(v.Participants));
    }

    [Fact]
    public async Task AddLoansAsync_EntryReSent_LoanShownOnceWithoutAnotherWrite()
    {
        var borrower = User();
        var (_, view) = await CreateLoanAsync(_grains, borrower);
        var index = _grains.GetGrain<IBorrowerGrain>(borrower.UserId);
        var writes = CountingJsonSerializer.Writes<BorrowerState>();

        await index.AddLoansAsync([new LoanIndexEntry(view.LoanId, view.Audit.CreatedAt), new LoanIndexEntry(view.LoanId, view.Audit.CreatedAt)]);
        var page = await index.GetLoansAsync(new PageRequest(10));

        Assert.Equal(view.LoanId, Assert.Single(page.Items).LoanId);
        Assert.Equal(writes, CountingJsonSerializer.Writes<BorrowerState>());
    }

    [Fact]
    public async Task GetEntriesAsync_1100EntriesInChunks_EveryPageSizeInOrderWithoutDuplicates()
    {
        var borrowerId = Guid.CreateVersion7();
        var index = _grains.GetGrain<IBorrowerLoanIndexGrain>(borrowerId);
        var entries = Entries(1100, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        // Oldest first, in batches, as loans would be created; then the newest batch re-sent.
        foreach (var batch in entries.Chunk(100))
        {
            await _grains.GetGrain<IBorrowerGrain>(borrowerId).AddLoansAsync([.. batch]);
        }

        await _grains.GetGrain<IBorrowerGrain>(borrowerId).AddLoansAsync([.. entries.TakeLast(100)]);

        var expected = Enumerable.Reverse(entries).Select(e => e.LoanId).ToList();
        Assert.True(await ChunkExistsAsync(borrowerId, 2), "expected more than two sealed chunks");
        foreach (var limit in new[] { 100, 37, 1 })
        {
            Assert.Equal(expected, await ReadAllAsync(index, limit));
        }
    }

    [Fact]
    public async Task AddLoansAsync_LateEntryOlderThanTail_PlacedInCoveringChunkOnce()
    {
        var borrowerId = Guid.CreateVersion7();
        var grain = _grains.GetGrain<IBorrowerGrain>(borrowerId);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = Entries(800, start).Where((_, i) => i != 100).ToList(); // leave a hole in the oldest chunk
        foreach (var batch in entries.Chunk(200))
        {
            await grain.AddLoansAsync([.. batch]);
        }

        var late = new LoanIndexEntry(Guid.CreateVersion7(), start.AddMinutes(100));
        await grain.AddLoansAsync([late]);
        await grain.AddLoansAsync([late]);

        var all = await ReadAllAsync(_grains.GetGrain<IBorrowerLoanIndexGrain>(borrowerId), 100);
        Assert.Equal(800, all.Count);
        Assert.Equal(799 - 100, all.IndexOf(late.LoanId));
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task GetEntriesAsync_DeepPageIn1100_ReadsAtMostTwoChunks()
    {
        var borrowerId = Guid.CreateVersion7();
        var entries = Entries(1100, new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        foreach (var batch in entries.Chunk(250))
        {
            await _grains.GetGrain<IBorrowerGrain>(borrowerId).AddLoansAsync([.. batch]);
        }

        var index = _grains.GetGrain<IBorrowerLoanIndexGrain>(borrowerId);
        var cursor = new Common.IndexKey(entries[150].CreatedAt, entries[150].LoanId).ToCursor();
        var before = TestCallFilter.CallCountByPrefix("ReadAsync", $"{borrowerId:N}/");

        var page = await index.GetEntriesAsync(new PageRequest(100, cursor));

        Assert.Equal(entries.Take(150).Reverse().Take(100).Select(e => e.LoanId), page.Items.Select(e => e.LoanId));
        Assert.InRange(TestCallFilter.CallCountByPrefix("ReadAsync", $"{borrowerId:N}/") - before, 1, 2);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("123:not-a-guid")]
    [InlineData(":0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("-5:0f8fad5bd9cb469fa16570867728950e")]
    public async Task GetLoansAsync_InvalidCursor_ValidationOnNextToken(string cursor)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _grains.GetGrain<IBorrowerGrain>(Guid.CreateVersion7()).GetLoansAsync(new PageRequest(10, cursor)));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("next_token", error.Errors!.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task GetLoansAsync_LimitOutOfRange_Validation(int limit)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _grains.GetGrain<IBorrowerGrain>(Guid.CreateVersion7()).GetLoansAsync(new PageRequest(limit)));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
    }

    private static List<LoanIndexEntry> Entries(int count, DateTimeOffset start) =>
        [.. Enumerable.Range(0, count).Select(i => new LoanIndexEntry(Guid.CreateVersion7(), start.AddMinutes(i)))];

    private async Task<bool> ChunkExistsAsync(Guid borrowerId, int number) =>
        !(await _grains.GetGrain<IBorrowerIndexChunkGrain>($"{borrowerId:N}/{number}").ReadAsync(null, 1)).IsEmpty;

    private static async Task<List<Guid>> ReadAllAsync(IBorrowerLoanIndexGrain index, int limit)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await index.GetEntriesAsync(new PageRequest(limit, cursor));
            Assert.True(page.Items.Length == limit || !page.HasMore);
            ids.AddRange(page.Items.Select(e => e.LoanId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}
