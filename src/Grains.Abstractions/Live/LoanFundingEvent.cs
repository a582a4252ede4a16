using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Live;

/// <summary>
/// A loan's state right after one committed change, published on the live streams. Each event carries the whole
/// loan (without any bank details), so a consumer that missed one only needs the newest: events are state, not
/// deltas. <see cref="Version"/> orders them; anything not newer than what a consumer holds is stale.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanFundingEvent")]
public sealed record LoanFundingEvent(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] long Version,
    [property: Id(2)] FundingChange Change,
    [property: Id(3)] ImmutableArray<Guid> ParticipantIds,
    [property: Id(4)] LoanView Loan,
    [property: Id(5)] DateTimeOffset At)
{
    /// <summary>The names (from <see cref="LoanEvents"/>) of every change in this version, in the order they happened.</summary>
    [Id(6)] public ImmutableArray<string> Events { get; init; } = [];

    /// <summary>
    /// The repayment this version applied, with every lender's line; null for other changes. Whoever relays the
    /// event to a person keeps only what they may see (a lender: their own line).
    /// </summary>
    [Id(7)] public Servicing.RepaymentResult? Repayment { get; init; }

    /// <summary>
    /// True for a notice of a record that added no loan version (the agreement, written after the answer that made
    /// it due): <see cref="Version"/> is the version it documents, whose state was already published, so a consumer
    /// must neither drop it as stale nor take it as newer state. False for every version's own event.
    /// </summary>
    [Id(8)] public bool Notice { get; init; }

    /// <summary>The document this event's last document change is about (uploaded, deleted, agreement generated); null for none.</summary>
    [Id(9)] public Guid? DocumentId { get; init; }
}
