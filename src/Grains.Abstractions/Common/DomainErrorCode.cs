namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>Stable reasons a domain command is refused; the API maps each to a status and a problem <c>code</c>.</summary>
public enum DomainErrorCode
{
    /// <summary>Input breaks a field rule (400 VALIDATION_ERROR).</summary>
    Validation = 0,

    /// <summary>The record does not exist or the caller may not see it (404 NOT_FOUND).</summary>
    NotFound = 1,

    /// <summary>The caller may see the record but not do this to it (403 FORBIDDEN).</summary>
    Forbidden = 2,

    /// <summary>The record's current state does not allow the change (409 CONFLICT).</summary>
    Conflict = 3,

    /// <summary>A non-declined participant with that email already exists on the loan (409 DUPLICATE_LENDER).</summary>
    DuplicateLender = 4,

    /// <summary>Non-declined contributions would exceed the loan amount (409 OVER_FUNDING).</summary>
    OverFunding = 5,

    /// <summary>The caller's expected version is stale (412 PRECONDITION_FAILED).</summary>
    PreconditionFailed = 6,

    /// <summary>An idempotency key was reused with a different request (422 IDEMPOTENCY_KEY_REUSED).</summary>
    IdempotencyKeyReused = 7,

    /// <summary>A repayment is more than the loan still owes (OVERPAYMENT).</summary>
    Overpayment = 8,

    /// <summary>A repayment flagged as payoff is not exactly the payoff amount on its payment date (PAYOFF_MISMATCH).</summary>
    PayoffMismatch = 9,

    /// <summary>The caller has not proved their email address, which this needs (403 EMAIL_NOT_VERIFIED).</summary>
    EmailNotVerified = 10,

    // 25–29: trust in what is invited and accepted.

    /// <summary>An acceptance did not say which terms it accepts (428 PRECONDITION_REQUIRED).</summary>
    TermsVersionRequired = 25,

    /// <summary>An acceptance names terms the loan no longer has: they changed since the lender read them (412 TERMS_CHANGED).</summary>
    TermsChanged = 26,

    /// <summary>The inviter has used their invitations for the day (429 INVITATION_QUOTA_EXCEEDED, with Retry-After).</summary>
    InvitationQuotaExceeded = 27,
}
