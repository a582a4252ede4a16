namespace PrivateLending.Grains.Lenders;

/// <summary>A sealed chunk of a lender's participations (at most <see cref="LenderChunks.ChunkSize"/>).</summary>
[GenerateSerializer, Alias("PrivateLending.LenderChunkState")]
public sealed class LenderChunkState
{
    [Id(0)] public List<InvitationItem> Items { get; set; } = [];
}
