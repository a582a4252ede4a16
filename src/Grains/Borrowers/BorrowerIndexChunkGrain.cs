using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Borrowers;

/// <summary>A sealed chunk of a borrower's index; a set of loans ordered newest first.</summary>
internal sealed class BorrowerIndexChunkGrain(
    [PersistentState("chunk", StorageNames.Users)] IPersistentState<BorrowerChunkState> state) : Grain, IBorrowerIndexChunkGrain
{
    private readonly StateWriter<BorrowerChunkState> _writer = new(state);

    public async Task SealAsync(ImmutableArray<LoanIndexEntry> entries)
    {
        var items = new List<BorrowerIndexItem>();
        foreach (var entry in entries.IsDefault ? [] : entries)
        {
            BorrowerIndex.Insert(items, BorrowerIndex.Item(entry));
        }

        var current = state.State.Entries;
        if (items.Count == current.Count && items.Select(i => i.LoanId).SequenceEqual(current.Select(i => i.LoanId)))
        {
            return;
        }

        await _writer.CommitAsync(this, new BorrowerChunkState { Entries = items });
    }

    public async Task AddAsync(ImmutableArray<LoanIndexEntry> entries)
    {
        var next = new BorrowerChunkState { Entries = [.. state.State.Entries] };
        var added = false;
        foreach (var entry in entries.IsDefault ? [] : entries)
        {
            added |= BorrowerIndex.Insert(next.Entries, BorrowerIndex.Item(entry));
        }

        if (added)
        {
            await _writer.CommitAsync(this, next);
        }
    }

    public Task<ImmutableArray<LoanIndexEntry>> ReadAsync(LoanIndexEntry? after, int take)
    {
        var entries = state.State.Entries;
        var start = BorrowerIndex.StartAfter(entries, after is null ? null : BorrowerIndex.Key(after));
        var count = Math.Clamp(entries.Count - start, 0, Math.Max(take, 0));
        return Task.FromResult(entries.GetRange(start, count).Select(BorrowerIndex.Entry).ToImmutableArray());
    }
}
