using Microsoft.AspNetCore.Http.HttpResults;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>
/// The ProblemDetails customizer: every problem, whoever produced it (exception handler, status-code pages,
/// authentication events, typed results), gets <c>code</c>, <c>request_id</c>, <c>timestamp</c> and, on 429/503,
/// <c>retry_after</c> with a matching Retry-After header.
/// </summary>
internal static class ProblemEnricher
{
    private static readonly TimeSpan DefaultThrottleRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultUnavailableRetry = TimeSpan.FromSeconds(5);

    public static void Enrich(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= ProblemText.TitleFor(status);
        problem.Type ??= ProblemText.TypeFor(status);

        // ASP.NET Core adds a camelCase traceId; request_id carries the same correlation in our naming.
        problem.Extensions.Remove("traceId");
        if (!problem.Extensions.TryGetValue(ProblemText.CodeMember, out var code) || code is not string { Length: > 0 })
        {
            problem.Extensions[ProblemText.CodeMember] = ProblemCodes.ForStatus(status);
        }

        ProblemMetrics.Record((string)problem.Extensions[ProblemText.CodeMember]!, status);

        problem.Extensions[ProblemText.RequestIdMember] = http.TraceIdentifier;
        var clock = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        problem.Extensions[ProblemText.TimestampMember] = clock.GetUtcNow();

        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            var seconds = problem.Extensions.TryGetValue(ProblemText.RetryAfterMember, out var value) && value is int given
                ? given
                : ProblemText.Seconds(status == 429 ? DefaultThrottleRetry : DefaultUnavailableRetry);
            problem.Extensions[ProblemText.RetryAfterMember] = seconds;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A problem result for handlers, carrying its code (the enricher adds the rest when it is written).</summary>
    public static ProblemHttpResult Result(int status, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: ProblemText.TitleFor(status), type: ProblemText.TypeFor(status),
            extensions: new Dictionary<string, object?> { [ProblemText.CodeMember] = code });
}
