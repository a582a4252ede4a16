using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Hosting.Telemetry;

namespace PrivateLending.Api.Infrastructure.Metrics;

/// <summary>
/// Prometheus text at <c>/metrics</c> (meters chosen by the shared host defaults), served only on a management
/// address of its own (<c>Metrics:Url</c>), never on the public API port: the figures describe traffic, errors and
/// internals that are nobody's business outside. Without <c>Metrics:Url</c> nothing is scraped over HTTP (an OTLP
/// endpoint, when configured, still receives the metrics).
/// </summary>
internal static class MetricsSetup
{
    public const string Path = TelemetrySetup.MetricsPath;

    /// <summary>Adds the management address to the addresses Kestrel listens on.</summary>
    public static WebApplicationBuilder AddApiMetricsAddress(this WebApplicationBuilder builder, string publicUrls)
    {
        if (ManagementPort(builder.Configuration) is not null)
        {
            builder.WebHost.UseUrls([.. publicUrls.Split(';', StringSplitOptions.RemoveEmptyEntries), builder.Configuration[MetricsSettings.UrlKey]!]);
        }

        return builder;
    }

    /// <summary>Maps the scrape endpoint and keeps each port to its own: metrics only on the management port, the API only elsewhere.</summary>
    public static WebApplication UseApiMetrics(this WebApplication app)
    {
        if (ManagementPort(app.Configuration) is not { } port)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            var onManagementPort = context.Connection.LocalPort == port;
            if (onManagementPort != context.Request.Path.StartsWithSegments(Path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static IEndpointRouteBuilder MapApiMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (ManagementPort(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()) is not null)
        {
            // Scrapers are not API clients: no auth, no rate limit, not in the OpenAPI document.
            endpoints.MapMetricsEndpoint().DisableRateLimiting().ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>The port of <c>Metrics:Url</c>, or null when metrics are not served over HTTP.</summary>
    internal static int? ManagementPort(IConfiguration configuration) =>
        configuration[MetricsSettings.UrlKey] is { Length: > 0 } url ? BindingAddress.Parse(url).Port : null;
}
