namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>Who is acting: the authenticated user and where the request came from (kept for audit).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.Actor")]
public sealed record Actor(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ClientIp = null,
    [property: Id(4)] string? UserAgent = null);
