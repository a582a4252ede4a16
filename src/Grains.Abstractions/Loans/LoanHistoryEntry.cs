using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// One change to a loan: the version it made, who made it, when, its name (one of <see cref="LoanEvents"/>, the
/// names webhooks, live events and the audit log use too), the fields it changed and the reason where there is one
/// (cancel). A version that made several changes (an acceptance that funded the loan) has one record for each.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanHistoryEntry")]
public sealed record LoanHistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] ImmutableArray<FieldChange> Changes,
    [property: Id(5)] string? Reason);
