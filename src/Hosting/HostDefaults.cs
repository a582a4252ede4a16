using Microsoft.AspNetCore.Builder;
using PrivateLending.Hosting.Documents;
using PrivateLending.Hosting.Health;
using PrivateLending.Hosting.Logging;
using PrivateLending.Hosting.Security;
using PrivateLending.Hosting.Telemetry;

namespace PrivateLending.Hosting;

/// <summary>
/// What every PrivateLending host sets up the same way: Serilog, OpenTelemetry metrics (Prometheus) and traces
/// (OTLP when configured), health checks (liveness; readiness = a grain round trip through storage), and the
/// keys that stand for email addresses in grain ids (both hosts must compute the same ones), and the refusal of secrets published with the deployment examples.
/// The API and the silo each call <see cref="AddHostDefaults"/> once and add only what is theirs.
/// </summary>
public static class HostDefaults
{
    /// <summary>Registers logging, telemetry and health checks for a host called <paramref name="serviceName"/>.</summary>
    /// <param name="builder">The host.</param>
    /// <param name="serviceName">The name traces and metrics carry (OpenTelemetry <c>service.name</c>).</param>
    /// <param name="meters">The host's own meters, exported next to the shared ones.</param>
    public static WebApplicationBuilder AddHostDefaults(this WebApplicationBuilder builder, string serviceName, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSerilogDefaults();
        builder.AddTelemetryDefaults(serviceName, meters);
        builder.Services.AddHealthDefaults();
        builder.Services.AddEmailKeys();
        builder.Services.AddPlaceholderSecretsCheck();
        builder.Services.AddDocumentStorage(builder.Configuration);
        return builder;
    }
}
