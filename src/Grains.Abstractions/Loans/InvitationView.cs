namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>A lender's view of one participation: the participant plus the loan's terms and status.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.InvitationView")]
public sealed record InvitationView(
    [property: Id(0)] ParticipantView Participant,
    [property: Id(1)] string BorrowerName,
    [property: Id(2)] LoanTerms Terms,
    [property: Id(3)] LoanStatus LoanStatus);
