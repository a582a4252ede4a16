namespace PrivateLending.Api.Infrastructure.OpenApi;

internal static class ProblemMetadata
{
    /// <summary>
    /// Declares the problem responses an endpoint can give besides those its typed results imply: the listed
    /// statuses plus the ones every endpoint shares (429 limits, 500, 503 cluster or storage down). 401 is added
    /// to secured operations by <see cref="BearerSecurityTransformer"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        int[] common = [StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable];
        foreach (var status in statuses.Concat(common).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
