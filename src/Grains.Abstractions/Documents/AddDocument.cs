using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>Records an uploaded document whose bytes are already stored under <c>ObjectKey</c>.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.AddDocument")]
public sealed record AddDocument(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] Guid DocumentId,
    [property: Id(2)] DocumentKind Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string FileName,
    [property: Id(5)] string ContentType,
    [property: Id(6)] long SizeBytes,
    [property: Id(7)] string Sha256,
    [property: Id(8)] string ObjectKey);
