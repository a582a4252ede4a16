namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>The outcome of a command that honours idempotency keys.</summary>
/// <param name="Value">The result as it was when the command was first applied.</param>
/// <param name="Replayed">True when this is a stored answer to an earlier request with the same key.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.CommandResult`1")]
public sealed record CommandResult<T>([property: Id(0)] T Value, [property: Id(1)] bool Replayed);
