using Microsoft.AspNetCore.Mvc;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>What a problem response says, before request-specific members (request id, timestamp) are added.</summary>
internal sealed record ProblemSpec(
    int Status,
    string Code,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    TimeSpan? RetryAfter = null)
{
    public ProblemDetails ToProblemDetails()
    {
        ProblemDetails problem = Errors is { Count: > 0 }
            ? new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = Status;
        problem.Title = ProblemText.TitleFor(Status);
        problem.Detail = Detail;
        problem.Extensions[ProblemText.CodeMember] = Code;
        if (RetryAfter is { } retryAfter)
        {
            problem.Extensions[ProblemText.RetryAfterMember] = ProblemText.Seconds(retryAfter);
        }

        return problem;
    }
}
