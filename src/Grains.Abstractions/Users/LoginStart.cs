namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>
/// The start of a login: either the account is locked after repeated failures (<see cref="RetryAfter"/> set, and
/// no password may be checked), or the credentials to check the password against (null when the email has no account).
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoginStart")]
public sealed record LoginStart([property: Id(0)] UserCredentials? Credentials, [property: Id(1)] TimeSpan? RetryAfter);
