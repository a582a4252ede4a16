namespace PrivateLending.Grains.Mail;

/// <summary>What an invitation mail says: the loan as it stood when the mail was handed over, and the lender's share.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.InvitationMail")]
public sealed record InvitationMail(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] Guid ParticipantId,
    [property: Id(2)] string To,
    [property: Id(3)] string BorrowerName,
    [property: Id(4)] decimal ContributionAmount,
    [property: Id(5)] decimal LoanAmount,
    [property: Id(6)] decimal InterestRate,
    [property: Id(7)] int TermMonths,
    [property: Id(8)] string Purpose);
