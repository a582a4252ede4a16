using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>
/// Turns any exception into the problem a client may see. Only messages written for clients (domain refusals,
/// the API's own) are shown; everything else gets a fixed sentence, so no internals or stack traces leak.
/// </summary>
internal static partial class ExceptionProblemMapper
{
    private static readonly TimeSpan ClusterRetryAfter = TimeSpan.FromSeconds(5);

    public static ProblemSpec Map(Exception exception)
    {
        // Orleans wraps storage failures raised inside a grain (OrleansException with the cause inside), so the
        // meaningful exception may be anywhere in the chain; the first one we recognise wins.
        foreach (var candidate in Chain(exception))
        {
            if (TryMap(candidate) is { } spec)
            {
                return spec;
            }
        }

        return new ProblemSpec(500, ProblemCodes.Internal, "An unexpected error occurred. Quote the request id when reporting it.");
    }

    /// <summary>True when the problem is the server's fault and worth an error log with the exception.</summary>
    public static bool IsUnexpected(ProblemSpec spec) => spec.Code == ProblemCodes.Internal;

    private static ProblemSpec? TryMap(Exception exception) => exception switch
    {
        DomainException domain => FromDomain(domain),
        ApiProblemException api => new ProblemSpec(api.Status, api.Code, api.Message, api.Errors),
        BadHttpRequestException badRequest => FromBadRequest(badRequest),
        StorageThrottledException throttled => new ProblemSpec(
            429, ProblemCodes.TooManyRequests, "Storage is busy. Try again shortly.", RetryAfter: throttled.RetryAfter),
        StorageUnavailableException unavailable => new ProblemSpec(
            503, ProblemCodes.ServiceUnavailable, "Storage is unavailable. Try again shortly.", RetryAfter: unavailable.RetryAfter),
        // The change would make a stored record larger than one item may be: the request's fault, and retrying cannot help.
        GrainStateTooLargeException => new ProblemSpec(
            422, ProblemCodes.RecordTooLarge, "The change would make the record larger than it may be stored. Send less, or split it."),
        // A concurrent write to the same grain state: transient, and safe to retry.
        InconsistentStateException => new ProblemSpec(
            503, ProblemCodes.ServiceUnavailable, "The record changed concurrently. Try again.", RetryAfter: TimeSpan.FromSeconds(1)),
        OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or ClientNotAvailableException or TimeoutException => new ProblemSpec(
            503, ProblemCodes.ServiceUnavailable, "The service is temporarily unavailable. Try again shortly.",
            RetryAfter: ClusterRetryAfter),
        _ => null,
    };

    private static ProblemSpec FromDomain(DomainException domain)
    {
        var (status, code) = Classify(domain.Code);
        return new ProblemSpec(status, code, domain.Message, domain.Errors, domain.RetryAfter);
    }

    /// <summary>The status and stable problem code of a domain refusal (also per item of a batch answer).</summary>
    public static (int Status, string Code) Classify(DomainErrorCode refusal) =>
        refusal switch
        {
            DomainErrorCode.Validation => (400, ProblemCodes.Validation),
            DomainErrorCode.NotFound => (404, ProblemCodes.NotFound),
            DomainErrorCode.Forbidden => (403, ProblemCodes.Forbidden),
            DomainErrorCode.Conflict => (409, ProblemCodes.Conflict),
            DomainErrorCode.DuplicateLender => (409, ProblemCodes.DuplicateLender),
            DomainErrorCode.OverFunding => (409, ProblemCodes.OverFunding),
            DomainErrorCode.PreconditionFailed => (412, ProblemCodes.PreconditionFailed),
            DomainErrorCode.IdempotencyKeyReused => (422, ProblemCodes.IdempotencyKeyReused),
            DomainErrorCode.EmailNotVerified => (403, ProblemCodes.EmailNotVerified),
            DomainErrorCode.Overpayment => (422, ProblemCodes.Overpayment),
            DomainErrorCode.PayoffMismatch => (422, ProblemCodes.PayoffMismatch),
            DomainErrorCode.TermsVersionRequired => (428, ProblemCodes.PreconditionRequired),
            DomainErrorCode.TermsChanged => (412, ProblemCodes.TermsChanged),
            DomainErrorCode.InvitationQuotaExceeded => (429, ProblemCodes.InvitationQuotaExceeded),
            _ => (400, ProblemCodes.Validation),
        };

    private static ProblemSpec FromBadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode;
        if (status != StatusCodes.Status400BadRequest)
        {
            // 413 (body too large), 415 (not JSON) and the like: say which, without Kestrel's wording.
            return new ProblemSpec(status, ProblemCodes.ForStatus(status), ProblemText.TitleFor(status) + ".");
        }

        var errors = new Dictionary<string, string[]>();
        if (FindJsonException(exception) is { } json)
        {
            var field = JsonPathToField(json.Path);
            errors[field] = ["The value is not valid JSON or has the wrong type."];
        }
        else if (BoundParameter().Match(exception.Message) is { Success: true } match)
        {
            errors[match.Groups["name"].Value] = ["The value is missing or has the wrong type."];
        }

        const string detail = "The request could not be read: malformed JSON, a wrong type or a missing value.";
        return new ProblemSpec(400, ProblemCodes.Validation, detail, errors.Count > 0 ? errors : null);
    }

    private static JsonException? FindJsonException(Exception exception) =>
        Chain(exception).OfType<JsonException>().FirstOrDefault();

    /// <summary>"$.lenders[0].amount" → "lenders[0].amount"; the root or no path → "body".</summary>
    internal static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    // Minimal APIs say 'Failed to bind parameter "int? limit" from "abc".' or 'Required parameter "string x" was
    // not provided…'; the parameter name is the last word inside the quotes. The offending value is never echoed.
    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();
}
