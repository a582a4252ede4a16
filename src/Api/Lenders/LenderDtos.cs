using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Lenders;

/// <summary>Lenders to invite to a loan, all or none.</summary>
public sealed record AddLendersRequest(IReadOnlyList<LenderInviteRequest>? Lenders);

/// <summary>What adding lenders did: the new participants and the loan's figures right after.</summary>
public sealed record LenderAdditionResponse(Guid LoanId, long Version, IReadOnlyList<ParticipantResponse> Added, FundingResponse Funding);

/// <summary>
/// Accepting an invitation requires the bank account the contribution comes from and the <c>terms_version</c> of the
/// terms the lender read (from the invitation or the loan): without it 428, when the terms changed since 412.
/// </summary>
public sealed record AcceptInvitationRequest(AchRequest? Ach, long? TermsVersion = null);

/// <summary>The US bank account (ACH) a contribution comes from. Stored encrypted; only the last 4 digits are ever shown.</summary>
/// <remarks>They leave this process only encrypted; ToString is redacted so they cannot reach a log by accident.</remarks>
public sealed record AchRequest(string? AccountHolder, string? RoutingNumber, string? AccountNumber, string? AccountType)
{
    public override string ToString() => "AchRequest { *** }";
}

/// <summary>What accepting or declining did: the participant and the loan's status and figures right after.</summary>
public sealed record ParticipationResultResponse(
    ParticipantResponse Participant,
    Guid LoanId,
    LoanStatus LoanStatus,
    long LoanVersion,
    FundingResponse Funding);

/// <summary>
/// A lender's view of one participation: participant fields plus the loan's terms and status; once the loan is
/// disbursed, the lender's principal still outstanding, principal repaid and interest received (null before), and
/// the loan's next due date (null before disbursement and once nothing remains). terms_version is what accepting
/// these terms must send.
/// </summary>
/// <remarks>
/// The participant fields are the inherited <see cref="ParticipantResponse"/> members, declared once and written flat;
/// <see cref="Participant"/> only carries them into the base (private, so never written nor set apart from them).
/// </remarks>
public sealed record InvitationResponse(
    ParticipantResponse Participant,
    string BorrowerName,
    decimal LoanAmount,
    decimal InterestRate,
    int TermMonths,
    string Purpose,
    LoanStatus LoanStatus,
    decimal? PrincipalOutstanding = null,
    decimal? PrincipalRepaid = null,
    decimal? InterestReceived = null,
    long TermsVersion = 0,
    DateOnly? NextPaymentDue = null) : ParticipantResponse(Participant)
{
    private ParticipantResponse Participant { get; } = Participant;
}

/// <summary>
/// A page of accepted participations plus totals over the whole portfolio: committed, and of disbursed loans the
/// principal still outstanding, principal repaid and interest received.
/// </summary>
public sealed record PortfolioResponse(
    IReadOnlyList<InvitationResponse> Data,
    int Count,
    bool HasMore,
    string? NextToken,
    decimal TotalCommitted,
    int TotalCount,
    decimal TotalOutstanding,
    decimal TotalRepaid,
    decimal TotalInterestReceived);
