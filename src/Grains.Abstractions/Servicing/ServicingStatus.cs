namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>A disbursed loan's repayment standing (the loan's status once it is being repaid).</summary>
public enum ServicingStatus
{
    /// <summary>Being repaid; possibly behind, but never yet past the default threshold.</summary>
    Active = 0,

    /// <summary>Nothing remains: every cent of principal repaid and no interest outstanding.</summary>
    Completed = 1,

    /// <summary>
    /// Some installment stayed unpaid the default threshold's days past due. Stays so until nothing remains;
    /// repayments are still accepted.
    /// </summary>
    Defaulted = 2,
}
