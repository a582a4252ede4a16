namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>What accepting or declining did: the participant and the loan's status and figures right after.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.ParticipationResponse")]
public sealed record ParticipationResponse(
    [property: Id(0)] ParticipantView Participant,
    [property: Id(1)] LoanStatus LoanStatus,
    [property: Id(2)] long LoanVersion,
    [property: Id(3)] FundingFigures Funding);
