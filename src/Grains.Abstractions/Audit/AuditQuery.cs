namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>Which audit entries to list, newest first; every filter is optional and they combine with AND.</summary>
/// <param name="RecordType">Only entries about this record type.</param>
/// <param name="RecordId">Only entries about this record (needs <paramref name="RecordType"/>).</param>
/// <param name="ActorId">Only changes made by this user.</param>
/// <param name="From">At or after this time.</param>
/// <param name="To">Before this time.</param>
/// <param name="Limit">Entries per page.</param>
/// <param name="After">The cursor a previous page returned, or null for the first page.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] string? RecordType,
    [property: Id(1)] string? RecordId,
    [property: Id(2)] Guid? ActorId,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To,
    [property: Id(5)] int Limit,
    [property: Id(6)] string? After = null);
