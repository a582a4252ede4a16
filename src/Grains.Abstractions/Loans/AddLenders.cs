using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Invites 1 to <see cref="Rules.LoanLimits.MaxLendersPerRequest"/> lenders, all or none.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.AddLenders")]
public sealed record AddLenders(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] ImmutableArray<LenderInvite> Lenders,
    [property: Id(2)] IdempotencyToken? Idempotency = null);
