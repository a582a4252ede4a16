using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// One version of a loan: who made it, when, what kind of change (<c>created</c>, <c>terms_updated</c>,
/// <c>lenders_added</c>, <c>accepted</c>, <c>declined</c>, <c>cancelled</c>, <c>expired</c>, <c>lender_linked</c>), the fields it changed and
/// the reason where there is one (cancel).
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanHistoryEntry")]
public sealed record LoanHistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] ImmutableArray<FieldChange> Changes,
    [property: Id(5)] string? Reason);
