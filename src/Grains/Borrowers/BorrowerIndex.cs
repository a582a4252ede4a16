using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Borrowers;

/// <summary>Pure rules of the chunked borrower index: ordering, routing an entry to tail or chunk, sealing, paging.</summary>
internal static class BorrowerIndex
{
    /// <summary>Most entries kept in the borrower grain's own item.</summary>
    public const int TailMax = 512;

    /// <summary>Entries moved into a new chunk at a time (one extra write per this many new loans).</summary>
    public const int ChunkSize = 256;

    /// <summary>
    /// Loans a filtered page may look at beyond its limit before it answers a short page with a next cursor: bounds a
    /// request's loan calls when many loans in a row do not match (say, a long run of cancelled ones).
    /// </summary>
    public const int ExtraScanned = 100;

    private static readonly Comparer<BorrowerIndexItem> Order = Comparer<BorrowerIndexItem>.Create((a, b) => Key(a).CompareTo(Key(b)));

    public static IndexKey Key(BorrowerIndexItem item) => new(item.CreatedAt, item.LoanId);

    public static IndexKey Key(LoanIndexEntry entry) => new(entry.CreatedAt, entry.LoanId);

    public static IndexKey Key(ChunkDescriptor chunk) => new(chunk.NewestCreatedAt, chunk.NewestLoanId);

    public static BorrowerIndexItem Item(LoanIndexEntry entry) => new() { LoanId = entry.LoanId, CreatedAt = entry.CreatedAt };

    public static LoanIndexEntry Entry(BorrowerIndexItem item) => new(item.LoanId, item.CreatedAt);

    /// <summary>
    /// Where a key belongs: -1 for the tail (newer than every chunk), else the index of the chunk whose range covers
    /// it — the last chunk whose newest entry is at or newer than the key. Binary search over the descriptors.
    /// </summary>
    public static int Route(List<ChunkDescriptor> chunks, IndexKey key)
    {
        int lo = 0, hi = chunks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Key(chunks[mid]) <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    /// <summary>Inserts in order unless the loan is already there; true when added.</summary>
    public static bool Insert(List<BorrowerIndexItem> items, BorrowerIndexItem item)
    {
        var at = items.BinarySearch(item, Order);
        if (at >= 0 || items.Exists(i => i.LoanId == item.LoanId))
        {
            return false;
        }

        items.Insert(~at, item);
        return true;
    }

    /// <summary>Index of the first entry strictly older than <paramref name="after"/> (0 without one).</summary>
    public static int StartAfter(List<BorrowerIndexItem> items, IndexKey? after)
    {
        if (after is not { } cursor)
        {
            return 0;
        }

        var probe = new BorrowerIndexItem { CreatedAt = new DateTimeOffset(cursor.UtcTicks, TimeSpan.Zero), LoanId = cursor.Id };
        var at = items.BinarySearch(probe, Order);
        return at >= 0 ? at + 1 : ~at;
    }

    /// <summary>
    /// When the tail is over <see cref="TailMax"/>, removes its oldest <see cref="ChunkSize"/> entries and returns them
    /// (they are all newer than every existing chunk, so they become the new newest chunk); otherwise null.
    /// </summary>
    public static List<BorrowerIndexItem>? TakeOldestForSeal(List<BorrowerIndexItem> tail)
    {
        if (tail.Count <= TailMax)
        {
            return null;
        }

        var start = tail.Count - ChunkSize;
        var sealedItems = tail.GetRange(start, ChunkSize);
        tail.RemoveRange(start, ChunkSize);
        return sealedItems;
    }
}
