namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// A loan's life: PENDING → FUNDED, PENDING → CANCELLED, or PENDING → EXPIRED at its funding deadline; once FUNDED,
/// disbursement makes it ACTIVE, and repayments end it COMPLETED (DEFAULTED on the way when long unpaid).
/// </summary>
public enum LoanStatus
{
    /// <summary>Open for invitations and acceptances.</summary>
    Pending = 0,

    /// <summary>Accepted contributions equal the amount.</summary>
    Funded = 1,

    /// <summary>Soft-deleted by the borrower, with a reason.</summary>
    Cancelled = 2,

    /// <summary>Still pending at its funding deadline: closed to every change, kept for the borrower's history.</summary>
    Expired = 3,

    /// <summary>Disbursed and being repaid on its schedule.</summary>
    Active = 4,

    /// <summary>Nothing remains to be paid: every cent of principal repaid and no interest outstanding.</summary>
    Completed = 5,

    /// <summary>An installment stayed unpaid the default threshold's days past due; repayments are still accepted until nothing remains.</summary>
    Defaulted = 6,
}
