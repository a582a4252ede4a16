using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivateLending.Hosting.Health;

/// <summary>
/// Health checks through ASP.NET Core's health-check service: liveness (the process answers) and readiness
/// (<see cref="GrainStorageHealthCheck"/>). URLs are <c>/health/live</c> and <c>/health/ready</c> on every host.
/// </summary>
public static class HealthDefaults
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Tag of the checks behind <see cref="LivePath"/>.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks behind <see cref="ReadyPath"/>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long readiness waits for the grain round trip before reporting not ready.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(2);

    internal static IServiceCollection AddHealthDefaults(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [LiveTag])
            .AddCheck<GrainStorageHealthCheck>("grain-storage", HealthStatus.Unhealthy, tags: [ReadyTag], timeout: ReadyTimeout);
        return services;
    }

    /// <summary>Runs the checks with <paramref name="tag"/>; the API uses this behind its documented probe endpoints.</summary>
    public static Task<HealthReport> CheckAsync(this HealthCheckService health, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
    }

    /// <summary>
    /// Maps both probes as plain health-check endpoints (200, or 503 when unhealthy) with a small JSON body:
    /// <c>{"status":"ready","checked_at":"…"}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, Options(LiveTag, "live"));
        endpoints.MapHealthChecks(ReadyPath, Options(ReadyTag, "ready"));
        return endpoints;
    }

    private static HealthCheckOptions Options(string tag, string healthyStatus) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "application/json";
            var status = report.Status == HealthStatus.Unhealthy ? "unhealthy" : healthyStatus;
            return context.Response.WriteAsJsonAsync(new { status, checked_at = DateTimeOffset.UtcNow });
        },
    };
}
