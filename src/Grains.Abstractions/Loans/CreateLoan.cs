using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Creates the loan this grain stands for, optionally inviting lenders in the same write. Without a funding deadline the configured default applies.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.CreateLoan")]
public sealed record CreateLoan(
    [property: Id(0)] Actor Borrower,
    [property: Id(1)] LoanTerms Terms,
    [property: Id(2)] ImmutableArray<LenderInvite> Lenders,
    [property: Id(3)] IdempotencyToken? Idempotency = null,
    [property: Id(4)] DateTimeOffset? FundingDeadline = null);
