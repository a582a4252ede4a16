using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Borrowers;

/// <summary>
/// A borrower's loans, newest first. The newest entries live here; older ones are sealed into chunk grains
/// (<see cref="BorrowerIndex.ChunkSize"/> at a time), so a page costs the same for 100 or 10,000 loans:
/// a binary search for the cursor, at most a couple of chunk reads, and one parallel fan-out to the page's loans.
/// </summary>
public sealed class BorrowerGrain(
    [PersistentState("borrower", StorageNames.Users)] IPersistentState<BorrowerState> state) : Grain, IBorrowerGrain, IBorrowerLoanIndexGrain
{
    private readonly StateWriter<BorrowerState> _writer = new(state);

    public async Task AddLoansAsync(ImmutableArray<LoanIndexEntry> entries)
    {
        var next = state.State.Clone();
        var late = new Dictionary<int, List<LoanIndexEntry>>();
        var changed = false;
        foreach (var entry in (entries.IsDefault ? [] : entries).DistinctBy(e => e.LoanId))
        {
            var chunk = BorrowerIndex.Route(next.Chunks, BorrowerIndex.Key(entry));
            if (chunk < 0)
            {
                changed |= BorrowerIndex.Insert(next.Tail, BorrowerIndex.Item(entry));
            }
            else
            {
                // Older than the tail (a late re-send): it belongs to, or is already in, the chunk covering it.
                (late.TryGetValue(chunk, out var list) ? list : late[chunk] = []).Add(entry);
            }
        }

        await Task.WhenAll(late.Select(l => Chunk(next.Chunks[l.Key].Number).AddAsync([.. l.Value])));
        if (!changed)
        {
            return;
        }

        while (BorrowerIndex.TakeOldestForSeal(next.Tail) is { } oldest)
        {
            // The chunk is written before the descriptor that points at it: if this grain's write then fails, the
            // chunk is simply unreferenced and the next seal overwrites it (same number).
            var number = next.NextChunkNumber++;
            await Chunk(number).SealAsync([.. oldest.Select(BorrowerIndex.Entry)]);
            next.Chunks.Insert(0, new ChunkDescriptor
            {
                Number = number,
                NewestCreatedAt = oldest[0].CreatedAt,
                NewestLoanId = oldest[0].LoanId,
                Count = oldest.Count,
            });
        }

        await _writer.CommitAsync(this, next);
    }

    public Task<Page<LoanView>> GetLoansAsync(PageRequest page) => GetLoansByStatusAsync([], page);

    public async Task<Page<LoanView>> GetLoansByStatusAsync(ImmutableArray<LoanStatus> statuses, PageRequest page)
    {
        var (limit, _) = Paging.Parse(page);
        var wanted = statuses.IsDefaultOrEmpty ? null : statuses.ToHashSet();
        var viewer = new Viewer(this.GetPrimaryKey(), "");
        var found = new List<LoanView>(limit);
        var budget = limit + BorrowerIndex.ExtraScanned;
        var after = page.After;
        while (true)
        {
            // The index holds no status (a loan's status changes without telling it): the loans say theirs.
            var entries = await GetEntriesAsync(new PageRequest(Math.Min(limit - found.Count, budget), after));
            var views = await Task.WhenAll(entries.Items.Select(e => GrainFactory.GetGrain<ILoanGrain>(e.LoanId).GetAsync(viewer)));
            for (var i = 0; i < views.Length; i++)
            {
                budget--;
                after = BorrowerIndex.Key(entries.Items[i]).ToCursor();
                if (views[i] is { } view && (wanted?.Contains(view.Status) ?? view.Status != LoanStatus.Cancelled))
                {
                    found.Add(view);
                }

                var more = i < views.Length - 1 || entries.HasMore;
                if (found.Count == limit || (budget == 0 && more))
                {
                    return new Page<LoanView>([.. found], more, more ? after : null);
                }
            }

            if (!entries.HasMore)
            {
                return new Page<LoanView>([.. found], false, null);
            }
        }
    }

    public async Task<Page<LoanIndexEntry>> GetEntriesAsync(PageRequest page)
    {
        var (limit, after) = Paging.Parse(page);
        var index = state.State;
        var want = limit + 1; // one more than asked tells whether another page follows
        var found = new List<LoanIndexEntry>(want);

        var firstChunk = 0;
        LoanIndexEntry? chunkAfter = null;
        var start = after is { } cursor ? BorrowerIndex.Route(index.Chunks, cursor) : -1;
        if (start < 0)
        {
            var from = BorrowerIndex.StartAfter(index.Tail, after);
            found.AddRange(index.Tail.Skip(from).Take(want).Select(BorrowerIndex.Entry));
        }
        else
        {
            firstChunk = start;
            chunkAfter = new LoanIndexEntry(after!.Value.Id, new DateTimeOffset(after.Value.UtcTicks, TimeSpan.Zero));
        }

        for (var c = firstChunk; c < index.Chunks.Count && found.Count < want; c++)
        {
            found.AddRange(await Chunk(index.Chunks[c].Number).ReadAsync(c == firstChunk ? chunkAfter : null, want - found.Count));
        }

        var hasMore = found.Count > limit;
        var items = found.Take(limit).ToImmutableArray();
        return new Page<LoanIndexEntry>(items, hasMore, hasMore ? BorrowerIndex.Key(items[^1]).ToCursor() : null);
    }

    private IBorrowerIndexChunkGrain Chunk(int number) =>
        GrainFactory.GetGrain<IBorrowerIndexChunkGrain>($"{this.GetPrimaryKey():N}/{number}");
}
