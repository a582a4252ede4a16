using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>Typed error results for handlers; the problem writer and enricher finish them like any other problem.</summary>
internal static class ApiResults
{
    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), "One or more fields are invalid.",
            title: ProblemText.TitleFor(StatusCodes.Status400BadRequest),
            type: ProblemText.TypeFor(StatusCodes.Status400BadRequest),
            extensions: new Dictionary<string, object?> { [ProblemText.CodeMember] = ProblemCodes.Validation });

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        ProblemEnricher.Result(StatusCodes.Status404NotFound, ProblemCodes.NotFound, detail);

    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        var seconds = ProblemText.Seconds(retryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests,
            title: ProblemText.TitleFor(StatusCodes.Status429TooManyRequests),
            type: ProblemText.TypeFor(StatusCodes.Status429TooManyRequests),
            extensions: new Dictionary<string, object?>
            {
                [ProblemText.CodeMember] = ProblemCodes.TooManyRequests,
                [ProblemText.RetryAfterMember] = seconds,
            });
    }
}
