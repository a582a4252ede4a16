using PrivateLending.Grains.Abstractions.Documents;

namespace PrivateLending.Grains.Loans.Documents;

/// <summary>One document's metadata as stored with the loan; a deleted one stays (for the audit) with its deletion.</summary>
[GenerateSerializer, Alias("PrivateLending.DocumentState")]
public sealed class DocumentState
{
    [Id(0)] public Guid DocumentId { get; set; }
    [Id(1)] public DocumentKind Kind { get; set; }
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string FileName { get; set; } = "";
    [Id(4)] public string ContentType { get; set; } = "";
    [Id(5)] public long SizeBytes { get; set; }
    [Id(6)] public string Sha256 { get; set; } = "";
    [Id(7)] public DateTimeOffset UploadedAt { get; set; }

    /// <summary>Null for the agreement, which the system writes.</summary>
    [Id(8)] public Guid? UploadedBy { get; set; }

    [Id(9)] public string ObjectKey { get; set; } = "";

    /// <summary>The agreement's version; 0 for uploads.</summary>
    [Id(10)] public int Version { get; set; }

    [Id(11)] public DateTimeOffset? DeletedAt { get; set; }
    [Id(12)] public Guid? DeletedBy { get; set; }

    public DocumentState Clone() => (DocumentState)MemberwiseClone();
}
