namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>Where one installment of a repayment schedule stands on a given day.</summary>
public enum InstallmentStatus
{
    /// <summary>Nothing paid yet, and not late (not yet due, or within the grace period).</summary>
    Due = 0,

    /// <summary>Something paid, something left, and not late.</summary>
    PartiallyPaid = 1,

    /// <summary>Nothing left to pay.</summary>
    Paid = 2,

    /// <summary>Still unpaid at least the grace period's days after its due date.</summary>
    Late = 3,
}
