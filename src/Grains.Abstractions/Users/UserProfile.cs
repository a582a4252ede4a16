using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>An account as clients see it.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableArray<string> Roles,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool EmailVerified = false);
