using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PrivateLending.Hosting.Telemetry;
using Serilog;
using Serilog.Formatting.Compact;

namespace PrivateLending.Hosting.Logging;

/// <summary>
/// Serilog from the <c>Serilog</c> configuration section, to the console: readable text by default, Serilog's compact
/// JSON (one object per line) when <c>Logging:Format</c> is <c>json</c> (<see cref="LoggingSettings"/>); with an OTLP
/// endpoint configured, every event also goes to OpenTelemetry's logger provider, which exports it there.
/// </summary>
public static class LoggingSetup
{
    internal static WebApplicationBuilder AddSerilogDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Read now: a bad value must stop the host before it starts, naming the setting (the binder's message does).
        var json = configuration.GetSection(LoggingSettings.Section).Get<LoggingSettings>()?.Format == LogFormat.Json;
        var exportLogs = TelemetrySetup.TraceEndpoint(configuration) is not null;
        if (exportLogs)
        {
            // Serilog hands events to every registered provider: only OpenTelemetry's may be there, or the console
            // would get each line twice.
            builder.Logging.ClearProviders();
        }

        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .WriteToConsole(json),
            writeToProviders: exportLogs);
        return builder;
    }

    /// <summary>The console sink in the chosen format; also for loggers made before the host's (start-up failures).</summary>
    public static LoggerConfiguration WriteToConsole(this LoggerConfiguration logger, bool json)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return json
            ? logger.WriteTo.Console(new CompactJsonFormatter())
            : logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the environment (<c>Logging__Format</c>) asks for JSON, for loggers made before configuration is read.</summary>
    public static bool IsJsonFromEnvironment() =>
        Enum.TryParse<LogFormat>(Environment.GetEnvironmentVariable("Logging__Format"), ignoreCase: true, out var format) && format == LogFormat.Json;
}
