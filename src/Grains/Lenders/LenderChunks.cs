namespace PrivateLending.Grains.Lenders;

/// <summary>
/// Sizes of the chunked lender index. The lender grain's own item keeps at most <see cref="TailMax"/> participations;
/// past that its oldest <see cref="ChunkSize"/> move into a new chunk grain, so no item grows with the number of
/// loans that invite one email. Every acceptance or decline rewrites the one item that holds its participation, so
/// both sizes are kept small: with a tail of 512, a lender invited by 150 loans rewrote all 150 participations per
/// answer (about 6 write units). The price is more chunk reads when the grain activates (one per 32 older
/// participations, in parallel). An item stored with a longer tail is sealed down by its next write.
/// </summary>
internal static class LenderChunks
{
    /// <summary>Most participations kept in the lender grain's own item.</summary>
    public const int TailMax = 64;

    /// <summary>Participations moved into a new chunk at a time (one extra write per this many new invitations).</summary>
    public const int ChunkSize = 32;

    /// <summary>Where <see cref="InvitationIndexGrain"/>'s in-memory location map records a participation kept in its own item.</summary>
    public const int Tail = -1;
}
