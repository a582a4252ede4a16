namespace PrivateLending.Hosting.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Where traces go (OTLP, e.g. <c>http://collector:4317</c>). None (the default) exports no traces and records
    /// none; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works too.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
