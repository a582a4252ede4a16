using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Formatting.Compact;

namespace PrivateLending.Hosting.Logging;

/// <summary>
/// Serilog from the <c>Serilog</c> configuration section, to the console: readable text by default, Serilog's compact
/// JSON (one object per line) when <c>Logging:Format</c> is <c>json</c>, for a log store to query.
/// </summary>
public static class LoggingSetup
{
    /// <summary>The setting that picks the console format: <c>text</c> (default) or <c>json</c>.</summary>
    public const string FormatKey = "Logging:Format";

    internal static WebApplicationBuilder AddSerilogDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Read now: a bad value must stop the host before it starts, naming the setting.
        var json = IsJson(configuration[FormatKey]);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteToConsole(json));
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

    /// <summary>Whether <paramref name="format"/> (the value of <see cref="FormatKey"/>) asks for JSON.</summary>
    public static bool IsJson(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" => false,
        "JSON" => true,
        _ => throw new InvalidOperationException($"{FormatKey} must be 'text' or 'json' (got '{format}')."),
    };

    /// <summary>The format asked for in the environment (<c>Logging__Format</c>), for loggers made without configuration.</summary>
    public static bool IsJsonFromEnvironment()
    {
        try
        {
            return IsJson(Environment.GetEnvironmentVariable("Logging__Format"));
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
