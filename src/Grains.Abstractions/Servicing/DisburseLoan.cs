using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>The borrower received the funds on <paramref name="DisbursedOn"/> (not in the future).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.DisburseLoan")]
public sealed record DisburseLoan(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] DateOnly DisbursedOn,
    [property: Id(2)] IdempotencyToken? Idempotency = null);
