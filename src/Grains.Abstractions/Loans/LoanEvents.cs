using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// The one vocabulary of what happens to a loan. Every change a loan command makes has exactly one of these
/// names, and the same name appears in its audit entry, its history record, its webhook event and its live
/// event. The names are part of the public contract: add new ones, never rename one.
/// </summary>
public static class LoanEvents
{
    /// <summary>A borrower created a loan.</summary>
    public const string LoanCreated = "loan.created";
    /// <summary>A lender was invited (at creation or later).</summary>
    public const string LenderInvited = "lender.invited";
    /// <summary>A lender accepted.</summary>
    public const string ParticipantAccepted = "participant.accepted";
    /// <summary>A lender declined.</summary>
    public const string ParticipantDeclined = "participant.declined";
    /// <summary>An invited email got its (verified) account.</summary>
    public const string ParticipantLinked = "participant.linked";
    /// <summary>The borrower changed the amount, rate, term or purpose.</summary>
    public const string TermsChanged = "loan.terms_changed";
    /// <summary>Accepted contributions reached the amount.</summary>
    public const string LoanFunded = "loan.funded";
    /// <summary>The borrower cancelled the loan.</summary>
    public const string LoanCancelled = "loan.cancelled";
    /// <summary>The loan was still pending at its funding deadline.</summary>
    public const string LoanExpired = "loan.expired";
    /// <summary>The borrower recorded the disbursement; the loan is ACTIVE with its schedule.</summary>
    public const string LoanDisbursed = "loan.disbursed";
    /// <summary>A repayment was applied and split among the lenders.</summary>
    public const string RepaymentReceived = "repayment.received";
    /// <summary>An installment was still unpaid after the grace period.</summary>
    public const string InstallmentLate = "installment.late";
    /// <summary>An installment stayed unpaid the default threshold's days past due.</summary>
    public const string LoanDefaulted = "loan.defaulted";
    /// <summary>Nothing remains to be paid.</summary>
    public const string LoanCompleted = "loan.completed";
    /// <summary>The borrower uploaded a document.</summary>
    public const string DocumentUploaded = "document.uploaded";
    /// <summary>The borrower deleted a document (its record is kept).</summary>
    public const string DocumentDeleted = "document.deleted";
    /// <summary>The system wrote a version of the loan agreement (at funding, and again at disbursement).</summary>
    public const string AgreementGenerated = "agreement.generated";

    /// <summary>Every name a loan produces, in the order the documentation lists them.</summary>
    public static readonly ImmutableArray<string> All =
        [LoanCreated, LenderInvited, ParticipantAccepted, ParticipantDeclined, ParticipantLinked, TermsChanged, LoanFunded, LoanCancelled, LoanExpired,
         LoanDisbursed, RepaymentReceived, InstallmentLate, LoanDefaulted, LoanCompleted, DocumentUploaded, DocumentDeleted, AgreementGenerated];

    /// <summary>True for one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
