using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>A loan's outbox as operators see it: updates still waiting, and the parked ones.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.OutboxReport")]
public sealed record OutboxReport([property: Id(0)] int Waiting, [property: Id(1)] ImmutableArray<ParkedUpdateView> Parked);

/// <summary>
/// One parked message without its destination (a lender index is keyed by an email address; the participant id
/// finds it): its kind, what it reported and why it was refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.ParkedMessageView")]
public sealed record ParkedUpdateView(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid ParticipantId,
    [property: Id(2)] long LoanVersion,
    [property: Id(3)] ParticipantStatus Status,
    [property: Id(4)] LoanStatus LoanStatus,
    [property: Id(5)] DateTimeOffset ParkedAt,
    [property: Id(6)] string Reason);
