using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PrivateLending.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: metrics scraped at <c>/metrics</c>; with an OTLP endpoint configured, traces, metrics
/// and logs are also exported there (an Aspire dashboard or a collector then sees all three).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' own meter (grain calls, activations, messaging, storage latency).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Every Orleans activity source (grain calls, lifecycle, storage); propagation is switched on per host.</summary>
    public const string OrleansActivitySources = "Microsoft.Orleans.*";

    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable naming the service; an orchestrator (Aspire) sets it to its resource's name.</summary>
    private const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>.NET's own process and runtime meter (CPU time, memory, GC, thread pool).</summary>
    public const string RuntimeMeter = "System.Runtime";

    private static readonly string[] SharedMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", OrleansMeter, RuntimeMeter,
    ];

    internal static WebApplicationBuilder AddTelemetryDefaults(this WebApplicationBuilder builder, string serviceName, string[] meters)
    {
        builder.Services.AddOptions<TelemetrySettings>().BindConfiguration(TelemetrySettings.Section);
        var otlp = TraceEndpoint(builder.Configuration);
        var name = builder.Configuration[ServiceNameVariable] is { Length: > 0 } configured ? configured : serviceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            // The environment detector last: an orchestrator's service.instance.id (one per replica) wins over ours.
            .ConfigureResource(resource => resource.AddService(name).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. SharedMeters, .. meters]).AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => UseEndpoint(options, otlp));
                }
            });
        if (otlp is not null)
        {
            // Only with somewhere to send them: recording spans nobody receives costs every request.
            telemetry.WithTracing(tracing => tracing
                .SetSampler(RequestRootSampler.Create())
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(OrleansActivitySources)
                .AddOtlpExporter(options => UseEndpoint(options, otlp)));
            telemetry.WithLogging(logging => logging.AddOtlpExporter(options => UseEndpoint(options, otlp)));
        }

        return builder;
    }

    private static void UseEndpoint(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
    }

    /// <summary>Maps the Prometheus scraping endpoint; hosts add their own conventions (auth, rate limits) to it.</summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);

    /// <summary>The OTLP endpoint for traces, metrics and logs, or null when none is configured (then no traces are recorded).</summary>
    public static Uri? TraceEndpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>()?.OtlpEndpoint;
        return configured
               ?? (Uri.TryCreate(configuration[OtlpEndpointVariable] ?? Environment.GetEnvironmentVariable(OtlpEndpointVariable), UriKind.Absolute, out var fromEnvironment)
                   ? fromEnvironment
                   : null);
    }

    // Probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
