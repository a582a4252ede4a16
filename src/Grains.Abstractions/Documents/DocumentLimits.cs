namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>Bounds on a loan's documents, shared by the API (checked early) and the loan (checked when recorded).</summary>
public static class DocumentLimits
{
    /// <summary>Live (not deleted) documents a loan may hold; every one's metadata is in the loan's single item.</summary>
    public const int MaxLiveDocuments = 50;

    /// <summary>The longest title and display file name kept.</summary>
    public const int MaxTitleLength = 120;
}
