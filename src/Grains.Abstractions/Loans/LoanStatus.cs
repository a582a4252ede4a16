namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>A loan's life: PENDING → FUNDED, PENDING → CANCELLED, or PENDING → EXPIRED at its funding deadline.</summary>
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
}
