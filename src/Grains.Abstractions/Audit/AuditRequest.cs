namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>The request a change came from, as the API saw it.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.AuditRequest")]
public sealed record AuditRequest(
    [property: Id(0)] Guid? ActorId,
    [property: Id(1)] string? ClientIp,
    [property: Id(2)] string? UserAgent,
    [property: Id(3)] string? RequestId);
