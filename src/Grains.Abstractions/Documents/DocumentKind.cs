namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>What a loan document is; the borrower uploads every kind but <see cref="Agreement"/>, which the system writes.</summary>
public enum DocumentKind
{
    /// <summary>Proof of identity.</summary>
    Identity = 0,

    /// <summary>Proof of income.</summary>
    Income = 1,

    /// <summary>A bank statement.</summary>
    BankStatement = 2,

    /// <summary>Anything else the borrower wants lenders to see.</summary>
    Other = 3,

    /// <summary>The loan agreement the system writes at funding and at disbursement.</summary>
    Agreement = 4,
}
