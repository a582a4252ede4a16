using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>. The framework's writer declines when the client's
/// Accept header does not mention JSON, which would leave an error with an empty body; this one always writes.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        await context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, ProblemText.ContentType,
            context.HttpContext.RequestAborted);
    }
}
