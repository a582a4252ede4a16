using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Borrowers;

namespace PrivateLending.Grains.Borrowers;

/// <summary>
/// A sealed slice of a borrower's loan index (keyed "&lt;userId N&gt;/&lt;chunk number&gt;"), kept in its own storage item so a
/// borrower's index is never one oversized item. Internal to the silo: only <see cref="BorrowerGrain"/> calls it.
/// </summary>
internal interface IBorrowerIndexChunkGrain : IGrainWithStringKey
{
    /// <summary>Sets the chunk's entries (idempotent: sealing again with the same entries writes nothing).</summary>
    Task SealAsync(ImmutableArray<LoanIndexEntry> entries);

    /// <summary>Adds late entries whose range this chunk covers; entries already present are ignored.</summary>
    Task AddAsync(ImmutableArray<LoanIndexEntry> entries);

    /// <summary>Up to <paramref name="take"/> entries strictly older than <paramref name="after"/> (or from the newest), newest first.</summary>
    Task<ImmutableArray<LoanIndexEntry>> ReadAsync(LoanIndexEntry? after, int take);
}
