using OpenTelemetry.Metrics;

namespace PrivateLending.Api.Infrastructure.Metrics;

/// <summary>Prometheus text at <c>/metrics</c>: request rates and latencies, Kestrel connections, Orleans client calls.</summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddApiMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddMeter("Microsoft.Orleans")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapApiMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Scrapers are not API clients: no auth, no rate limit, not in the OpenAPI document.
        endpoints.MapPrometheusScrapingEndpoint(Path).DisableRateLimiting().ExcludeFromDescription();
        return endpoints;
    }
}
