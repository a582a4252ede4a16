using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>Soft-deletes an uploaded document (the borrower); its metadata stays for the audit.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.DeleteDocument")]
public sealed record DeleteDocument([property: Id(0)] Actor Actor, [property: Id(1)] Guid DocumentId);
