namespace PrivateLending.Grains.Lenders;

/// <summary>
/// Sizes of the chunked lender index. The lender grain's own item keeps at most <see cref="TailMax"/> participations;
/// past that its oldest <see cref="ChunkSize"/> move into a new chunk grain, so no item grows with the number of
/// loans that invite one email (an item of 256 participations is a few tens of KB, far below DynamoDB's 400 KB).
/// </summary>
internal static class LenderChunks
{
    /// <summary>Most participations kept in the lender grain's own item.</summary>
    public const int TailMax = 512;

    /// <summary>Participations moved into a new chunk at a time (one extra write per this many new invitations).</summary>
    public const int ChunkSize = 256;

    /// <summary>Where <see cref="InvitationIndexGrain"/>'s in-memory location map records a participation kept in its own item.</summary>
    public const int Tail = -1;
}
