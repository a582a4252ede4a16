namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>A loan document's metadata as kept with the loan; the bytes are in object storage under <c>ObjectKey</c>.</summary>
/// <param name="UploadedBy">The uploading user; null for a document the system wrote (the agreement).</param>
/// <param name="ObjectKey">Where the bytes are: random for uploads, one per version for agreements; never shown to clients.</param>
/// <param name="Version">The agreement's version (1 at funding, 2 at disbursement); 0 for uploads.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.DocumentView")]
public sealed record DocumentView(
    [property: Id(0)] Guid DocumentId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] DocumentKind Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string FileName,
    [property: Id(5)] string ContentType,
    [property: Id(6)] long SizeBytes,
    [property: Id(7)] string Sha256,
    [property: Id(8)] DateTimeOffset UploadedAt,
    [property: Id(9)] Guid? UploadedBy,
    [property: Id(10)] string ObjectKey,
    [property: Id(11)] int Version);
