using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// One lender of a batch, in request order: the participant created, or why this lender was refused
/// (<paramref name="Code"/>, <paramref name="Message"/> and, for field rules, <paramref name="Errors"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderBatchItem")]
public sealed record LenderBatchItem(
    [property: Id(0)] int Index,
    [property: Id(1)] ParticipantView? Participant,
    [property: Id(2)] DomainErrorCode? Code,
    [property: Id(3)] string? Message,
    [property: Id(4)] ImmutableDictionary<string, string[]>? Errors);
