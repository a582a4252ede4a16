using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>What adding lenders did: the participants it created and the loan's figures right after.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderAddition")]
public sealed record LenderAddition(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<ParticipantView> Added,
    [property: Id(3)] FundingFigures Funding);
