namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>What login needs: the account and its password hash. Never sent to clients.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.UserCredentials")]
public sealed record UserCredentials([property: Id(0)] UserProfile Profile, [property: Id(1)] string PasswordHash);
