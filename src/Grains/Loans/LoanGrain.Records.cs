using System.Collections.Immutable;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans.Records;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's history and funding series (<see cref="LoanRecords"/>): captured on every commit in the same write;
/// when a working set is full, its oldest chunk is written to its own item first, then the loan's write drops it.
/// A failed loan write leaves the chunk to be written again with the same entries (a no-op), so nothing is lost or doubled.
/// </summary>
public sealed partial class LoanGrain
{
    public Task<Page<LoanHistoryEntry>?> GetHistoryAsync(Viewer viewer, PageRequest page) =>
        ReadRecordsAsync(viewer, page, l => l.History, l => l.SealedHistoryChunks, n => Chunk("history", n).ReadHistoryAsync());

    public Task<Page<FundingPoint>?> GetFundingHistoryAsync(Viewer viewer, PageRequest page) =>
        ReadRecordsAsync(viewer, page, l => l.Funding, l => l.SealedFundingChunks, n => Chunk("funding", n).ReadFundingAsync());

    /// <summary>Adds the records of the change in <paramref name="next"/> and seals what overflows; call right before its write.</summary>
    private async Task RecordAsync(LoanState next)
    {
        LoanRecords.Capture(_current, next, clock.GetUtcNow());
        if (LoanRecords.Overflow(next.History) is { Length: > 0 } history)
        {
            await Chunk("history", next.SealedHistoryChunks).SealHistoryAsync(history);
            next.History.RemoveRange(0, history.Length);
            next.SealedHistoryChunks++;
        }

        if (LoanRecords.Overflow(next.Funding) is { Length: > 0 } funding)
        {
            await Chunk("funding", next.SealedFundingChunks).SealFundingAsync(funding);
            next.Funding.RemoveRange(0, funding.Length);
            next.SealedFundingChunks++;
        }
    }

    private ILoanRecordChunkGrain Chunk(string kind, int number) =>
        GrainFactory.GetGrain<ILoanRecordChunkGrain>($"{this.GetPrimaryKey():N}/{kind}/{number.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// One page, oldest first. The cursor is the position in the whole series (sealed chunks, then the working
    /// set), so a page reads at most the chunks it covers.
    /// </summary>
    private async Task<Page<T>?> ReadRecordsAsync<T>(
        Viewer viewer, PageRequest page, Func<LoanState, List<T>> working, Func<LoanState, int> sealedChunks,
        Func<int, Task<ImmutableArray<T>>> readChunk)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(page);
        var loan = _current;
        if (!LoanAccess.CanSee(loan, viewer.UserId, viewer.Email))
        {
            return null;
        }

        var errors = new FieldErrors();
        PagingLimits.Limit.Check(errors, "limit", page.Limit);
        var start = 0;
        errors.When(page.After is not null && (!int.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0),
            "next_token", "Is not a token this list gave.");
        errors.ThrowIfAny();

        var size = LoanRecords.ChunkSize;
        var sealedCount = sealedChunks(loan) * size;
        var recent = working(loan);
        var total = sealedCount + recent.Count;
        var end = Math.Min(total, start + page.Limit);
        var items = new List<T>(Math.Max(0, end - start));
        var chunks = Enumerable.Range(start / size, Math.Max(0, (Math.Min(end, sealedCount) - 1) / size - (start / size) + 1))
            .Where(_ => start < sealedCount)
            .Select(n => (Number: n, Read: readChunk(n)))
            .ToList();
        await Task.WhenAll(chunks.Select(c => c.Read));
        for (var i = start; i < end; i++)
        {
            items.Add(i < sealedCount ? chunks.Single(c => c.Number == i / size).Read.Result[i % size] : recent[i - sealedCount]);
        }

        var hasMore = end < total;
        return new Page<T>([.. items], hasMore, hasMore ? end.ToString(CultureInfo.InvariantCulture) : null);
    }
}
