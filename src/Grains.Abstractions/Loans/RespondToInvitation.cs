using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// The invited lender accepts (with <see cref="Ach"/>) or declines (<see cref="Ach"/> null) one participation.
/// Only the account whose email was invited may respond. An acceptance names the <see cref="TermsVersion"/> the lender
/// read; it is refused when missing or when the terms have changed since.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.RespondToInvitation")]
public sealed record RespondToInvitation(
    [property: Id(0)] Actor Lender,
    [property: Id(1)] Guid ParticipantId,
    [property: Id(2)] ProtectedAch? Ach,
    [property: Id(3)] IdempotencyToken? Idempotency = null,
    [property: Id(4)] long? TermsVersion = null);
