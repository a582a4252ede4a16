using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivateLending.Hosting.Health;

namespace PrivateLending.Api.Health;

/// <summary>Liveness and readiness for orchestrators: anonymous, not rate limited.</summary>
internal static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous().DisableRateLimiting();
        health.MapGet("/live", LiveAsync)
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

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> LiveAsync(
        HealthCheckService health, TimeProvider clock, CancellationToken cancellationToken) =>
        (await health.CheckAsync(HealthDefaults.LiveTag, cancellationToken)).Status == HealthStatus.Unhealthy
            ? ProblemEnricher.Result(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "The process is not healthy.")
            : TypedResults.Ok(new HealthResponse("live", clock.GetUtcNow()));

    /// <summary>The registered readiness checks: a grain round trip through storage (see the shared host defaults).</summary>
    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> ReadyAsync(
        HealthCheckService health, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(HealthDefaults.ReadyTag, cancellationToken);
        if (report.Status != HealthStatus.Unhealthy)
        {
            return TypedResults.Ok(new HealthResponse("ready", clock.GetUtcNow()));
        }

        var failed = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description}");
        LogNotReady(loggers.CreateLogger("PrivateLending.Api.Health"), string.Join("; ", failed));
        return ProblemEnricher.Result(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable,
            "The cluster or its storage is not answering.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check failed: {Failures}")]
    private static partial void LogNotReady(ILogger logger, string failures);
}

/// <summary>A health probe's answer.</summary>
public sealed record HealthResponse(string Status, DateTimeOffset CheckedAt);
