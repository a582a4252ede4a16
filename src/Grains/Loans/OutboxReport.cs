using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>A loan's outbox as operators see it: updates still waiting, and the parked ones.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.OutboxReport")]
public sealed record OutboxReport([property: Id(0)] int Waiting, [property: Id(1)] ImmutableArray<ParkedUpdateView> Parked);

/// <summary>One parked update without its target (a lender index is keyed by an email address; the participant id finds it).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.ParkedUpdateView")]
public sealed record ParkedUpdateView(
    [property: Id(0)] IndexTarget Kind,
    [property: Id(1)] Guid ParticipantId,
    [property: Id(2)] long LoanVersion,
    [property: Id(3)] ParticipantStatus Status,
    [property: Id(4)] LoanStatus LoanStatus,
    [property: Id(5)] DateTimeOffset ParkedAt,
    [property: Id(6)] string Reason);
