using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Health;

namespace PrivateLending.Api.Health;

/// <summary>Liveness and readiness for orchestrators: anonymous, not rate limited.</summary>
internal static partial class HealthEndpoints
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous().DisableRateLimiting();
        health.MapGet("/live", (TimeProvider clock) => TypedResults.Ok(new HealthResponse("live", clock.GetUtcNow())))
            .WithName("Live")
            .WithSummary("Liveness")
            .WithDescription("200 while the process runs.")
            .WithExamples(response: new HealthResponse("live", new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)));
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness")
            .WithDescription("200 when a grain round trip through storage answers within 2 s; otherwise 503.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithExamples(response: new HealthResponse("ready", new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)));
        return app;
    }

    /// <summary>
    /// The health grain reads its state from storage on every call, so an answer proves the gateway, a silo
    /// and grain storage (DynamoDB in production) all work.
    /// </summary>
    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> ReadyAsync(
        IClusterClient cluster, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.GetGrain<IHealthGrain>("ready").CheckAsync().WaitAsync(ReadyTimeout, cancellationToken);
            return TypedResults.Ok(new HealthResponse("ready", clock.GetUtcNow()));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotReady(loggers.CreateLogger("PrivateLending.Api.Health"), ex.GetType().Name);
            return ProblemEnricher.Result(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable,
                "The cluster or its storage is not answering.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check failed: {ExceptionType}")]
    private static partial void LogNotReady(ILogger logger, string exceptionType);
}

/// <summary>A health probe's answer.</summary>
public sealed record HealthResponse(string Status, DateTimeOffset CheckedAt);
