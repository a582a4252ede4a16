using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Serilog;

namespace PrivateLending.Hosting.Logging;

/// <summary>Serilog from the <c>Serilog</c> configuration section, to the console, with invariant formatting.</summary>
internal static class LoggingSetup
{
    public static WebApplicationBuilder AddSerilogDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture));
        return builder;
    }
}
