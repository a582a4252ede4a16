namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>Creates an account for an email. The API validates input and hashes the password.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.RegisterUser")]
public sealed record RegisterUser(
    [property: Id(0)] string Email,
    [property: Id(1)] string Name,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] Common.IdempotencyToken? Idempotency = null);
