namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>Who created and last changed a record and when; soft-deleted records also say who deleted them and why.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.RecordAudit")]
public sealed record RecordAudit(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] Guid CreatedBy,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] Guid UpdatedBy,
    [property: Id(4)] DateTimeOffset? DeletedAt = null,
    [property: Id(5)] Guid? DeletedBy = null,
    [property: Id(6)] string? DeletionReason = null);
