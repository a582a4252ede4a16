namespace PrivateLending.Grains.Borrowers;

/// <summary>
/// A borrower's loan index, newest first: the newest entries in <see cref="Tail"/> (at most
/// <see cref="BorrowerIndex.TailMax"/>) and older ones in sealed chunk grains described by <see cref="Chunks"/>,
/// so the item stays small however many loans the borrower has.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.BorrowerState")]
public sealed class BorrowerState
{
    [Id(0)] public List<BorrowerIndexItem> Tail { get; set; } = [];

    /// <summary>Sealed chunks, newest first.</summary>
    [Id(1)] public List<ChunkDescriptor> Chunks { get; set; } = [];

    [Id(2)] public int NextChunkNumber { get; set; }

    public BorrowerState Clone() => new() { Tail = [.. Tail], Chunks = [.. Chunks], NextChunkNumber = NextChunkNumber };
}

/// <summary>One loan in the index (never changed in place).</summary>
[GenerateSerializer, Alias("PrivateLending.BorrowerIndexItem")]
public sealed class BorrowerIndexItem
{
    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A sealed chunk: its grain number and its newest entry. Chunk i holds the entries older than or equal to its
/// newest and newer than chunk i+1's newest, so chunks and tail together form one ordered sequence.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.ChunkDescriptor")]
public sealed class ChunkDescriptor
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public DateTimeOffset NewestCreatedAt { get; set; }
    [Id(2)] public Guid NewestLoanId { get; set; }

    /// <summary>Entries when sealed (late arrivals may add a few; informational).</summary>
    [Id(3)] public int Count { get; set; }
}

/// <summary>A sealed chunk's entries, newest first.</summary>
[GenerateSerializer, Alias("PrivateLending.BorrowerChunkState")]
public sealed class BorrowerChunkState
{
    [Id(0)] public List<BorrowerIndexItem> Entries { get; set; } = [];
}
