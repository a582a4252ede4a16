namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>
/// A session the account grain opened or rotated: the account, the session (one refresh-token family) and the new
/// refresh secret, which the grain keeps only as a hash. Never stored or logged by the API.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.SessionTokens")]
public sealed record SessionTokens(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] string RefreshSecret);
