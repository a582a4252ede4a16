namespace PrivateLending.Grains.Abstractions.Live;

/// <summary>What a <see cref="LoanFundingEvent"/> reports: the most significant change made by that loan version.</summary>
public enum FundingChange
{
    /// <summary>Any other change (for example an invited email got its account); the loan's state is still current.</summary>
    Updated = 0,

    /// <summary>The loan was created (with any lenders it invited).</summary>
    Created = 1,

    /// <summary>One or more lenders were invited.</summary>
    LenderInvited = 2,

    /// <summary>A lender accepted.</summary>
    ParticipantAccepted = 3,

    /// <summary>A lender declined.</summary>
    ParticipantDeclined = 4,

    /// <summary>An acceptance made the loan fully funded.</summary>
    LoanFunded = 5,

    /// <summary>The borrower cancelled the loan.</summary>
    LoanCancelled = 6,

    /// <summary>The borrower changed the terms.</summary>
    TermsChanged = 7,

    /// <summary>The loan was still pending at its funding deadline.</summary>
    LoanExpired = 8,
}
