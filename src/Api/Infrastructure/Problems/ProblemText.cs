using Microsoft.AspNetCore.WebUtilities;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>Member names and standard wording shared by every problem response.</summary>
internal static class ProblemText
{
    public const string ContentType = "application/problem+json";
    public const string CodeMember = "code";
    public const string RequestIdMember = "request_id";
    public const string TimestampMember = "timestamp";
    public const string RetryAfterMember = "retry_after";

    public static string TitleFor(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    /// <summary>RFC 9110 sections, so <c>type</c> points somewhere that explains the status.</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    /// <summary>Whole seconds, rounded up and at least one, as Retry-After wants them.</summary>
    public static int Seconds(TimeSpan delay) => Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));
}
