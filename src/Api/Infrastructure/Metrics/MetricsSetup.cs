using PrivateLending.Hosting.Telemetry;

namespace PrivateLending.Api.Infrastructure.Metrics;

/// <summary>Prometheus text at <c>/metrics</c> (meters chosen by the shared host defaults).</summary>
internal static class MetricsSetup
{
    public const string Path = TelemetrySetup.MetricsPath;

    public static IEndpointRouteBuilder MapApiMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Scrapers are not API clients: no auth, no rate limit, not in the OpenAPI document.
        endpoints.MapMetricsEndpoint().DisableRateLimiting().ExcludeFromDescription();
        return endpoints;
    }
}
