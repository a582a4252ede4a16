namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// A lender's view of one participation: the participant plus the loan's terms and status, and once the loan is
/// disbursed the lender's share of it (null before): principal still outstanding, principal repaid and interest received, and the loan's next due date (null once
/// nothing remains). <see cref="TermsVersion"/> is what an acceptance of these terms must name.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.InvitationView")]
public sealed record InvitationView(
    [property: Id(0)] ParticipantView Participant,
    [property: Id(1)] string BorrowerName,
    [property: Id(2)] LoanTerms Terms,
    [property: Id(3)] LoanStatus LoanStatus,
    [property: Id(4)] decimal? PrincipalOutstanding = null,
    [property: Id(5)] decimal? PrincipalRepaid = null,
    [property: Id(6)] decimal? InterestReceived = null,
    [property: Id(7)] long TermsVersion = 0,
    [property: Id(8)] DateOnly? NextPaymentDue = null);
