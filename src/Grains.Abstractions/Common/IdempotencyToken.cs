namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>
/// A client's idempotency key with a hash of the request it came with. The grain that applies the command
/// records it in the same state write as the effect, scoped to the acting user.
/// </summary>
/// <param name="Key">The client's key, as sent.</param>
/// <param name="RequestHash">A hash of the method, path and body, to tell a replay from a reuse.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.IdempotencyToken")]
public sealed record IdempotencyToken([property: Id(0)] string Key, [property: Id(1)] string RequestHash);
