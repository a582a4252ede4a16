namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>The stable <c>code</c> member of every problem response: the domain's refusals and the HTTP-level ones.</summary>
public static class ProblemCodes
{
    public const string Validation = "VALIDATION_ERROR";
    public const string InvalidPaginationToken = "INVALID_PAGINATION_TOKEN";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string EmailNotVerified = "EMAIL_NOT_VERIFIED";
    public const string InvalidVerificationToken = "INVALID_VERIFICATION_TOKEN";
    public const string InvalidResetToken = "INVALID_RESET_TOKEN";
    public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string Conflict = "CONFLICT";
    public const string DuplicateLender = "DUPLICATE_LENDER";
    public const string OverFunding = "OVER_FUNDING";
    public const string PreconditionFailed = "PRECONDITION_FAILED";
    public const string PreconditionRequired = "PRECONDITION_REQUIRED";
    public const string TermsChanged = "TERMS_CHANGED";
    public const string InvitationQuotaExceeded = "INVITATION_QUOTA_EXCEEDED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RecordTooLarge = "RECORD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string UnsafeDocument = "UNSAFE_DOCUMENT";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string Overpayment = "OVERPAYMENT";
    public const string PayoffMismatch = "PAYOFF_MISMATCH";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string TooManyConnections = "TOO_MANY_CONNECTIONS";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string Internal = "INTERNAL_ERROR";

    /// <summary>The code for a problem that did not choose one, from its status alone.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => IdempotencyKeyReused,
        428 => PreconditionRequired,
        429 => TooManyRequests,
        503 => ServiceUnavailable,
        _ when status >= 500 => Internal,
        _ => Validation,
    };
}
