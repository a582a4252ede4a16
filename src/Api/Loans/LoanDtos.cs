using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>A new loan, optionally inviting lenders in the same call.</summary>
/// <remarks>
/// Members are nullable so a missing one is reported as a field error together with every other, not read as zero;
/// which ones a client must send is documented by the OpenAPI request contracts.
/// </remarks>
public sealed record CreateLoanRequest(
    decimal? Amount,
    decimal? InterestRate,
    int? TermMonths,
    string? Purpose,
    IReadOnlyList<LenderInviteRequest>? Lenders,
    DateTimeOffset? FundingDeadline = null);

/// <summary>One lender to invite and the contribution asked of them.</summary>
public sealed record LenderInviteRequest(string? Email, decimal? Amount);

/// <summary>New terms: send only the members that change; members left out keep their value.</summary>
public sealed record UpdateLoanRequest(decimal? Amount, decimal? InterestRate, int? TermMonths, string? Purpose);

/// <summary>Why the borrower cancels the loan (kept with the soft-deleted record).</summary>
public sealed record CancelLoanRequest(string? Reason);

/// <summary>
/// A loan with its participants and funding figures computed from them, and once disbursed its repayment figures
/// as of today (before disbursement: dates and next_due_amount null, amounts and days_past_due 0). terms_version moves
/// only when the terms change; an acceptance must name it.
/// </summary>
/// <remarks>
/// The funding figures are the inherited <see cref="FundingResponse"/> members, so the loan's JSON lists them flat and
/// they are declared once; <see cref="Funding"/> only carries them into the base (private, so never written nor set apart from them).
/// </remarks>
public sealed record LoanResponse(
    Guid LoanId,
    Guid BorrowerId,
    string BorrowerName,
    decimal Amount,
    decimal InterestRate,
    int TermMonths,
    string Purpose,
    LoanStatus Status,
    long Version,
    IReadOnlyList<ParticipantResponse> Participants,
    FundingResponse Funding,
    DateTimeOffset CreatedAt,
    Guid CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid UpdatedBy,
    DateTimeOffset? DeletedAt,
    Guid? DeletedBy,
    string? DeletionReason,
    DateTimeOffset? FundingDeadline,
    DateOnly? DisbursedOn = null,
    decimal OutstandingPrincipal = 0m,
    decimal RepaidPrincipal = 0m,
    decimal RepaidInterest = 0m,
    DateOnly? NextDueDate = null,
    decimal? NextDueAmount = null,
    int DaysPastDue = 0,
    long TermsVersion = 0) : FundingResponse(Funding)
{
    private FundingResponse Funding { get; } = Funding;
}

/// <summary>
/// One lender's participation in a loan; bank details are only ever shown masked. A lender reading a loan sees other
/// lenders' addresses masked, without account id (lender_id null) or bank details.
/// </summary>
/// <remarks>Not sealed: a lender's invitation is these fields plus the loan's (<c>InvitationResponse</c>).</remarks>
public record ParticipantResponse(
    Guid ParticipantId,
    Guid LoanId,
    string LenderEmail,
    Guid? LenderId,
    string? LenderName,
    decimal ContributionAmount,
    ParticipantStatus Status,
    DateTimeOffset InvitedAt,
    DateTimeOffset? RespondedAt,
    MaskedAchResponse? Ach,
    long? AcceptedVersion = null);

/// <summary>Bank details as anyone may see them: holder, type and the last four digits.</summary>
public sealed record MaskedAchResponse(string AccountHolder, string AccountType, string AccountLast4);

/// <summary>A loan's funding figures right after a change (adding lenders, accepting, declining).</summary>
/// <remarks>Not sealed: a loan is these figures plus its own fields (<see cref="LoanResponse"/>).</remarks>
public record FundingResponse(
    decimal TotalInvited,
    decimal TotalFunded,
    decimal FundingPercentage,
    int ParticipantCount,
    int AcceptedParticipantCount,
    int PendingParticipantCount,
    bool IsFullyFunded,
    decimal? AverageContribution,
    decimal? LargestContribution,
    decimal? SmallestContribution,
    DateTimeOffset? LastFundingUpdate);
