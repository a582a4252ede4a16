using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using Serilog;
using Serilog.Events;

namespace PrivateLending.Api.Infrastructure.Logging;

/// <summary>Serilog's one line per completed request, at a level that depends on how the request went.</summary>
internal static class RequestLogging
{
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<RequestLoggingSettings>>().Value;
        return app.UseSerilogRequestLogging(options =>
        {
            // An event stream lasts as long as its client stays: its duration is not slowness.
            options.GetLevel = (context, elapsedMs, exception) =>
                LevelFor(settings, exception is null ? context.Response.StatusCode : 500, IsEventStream(context) ? 0 : elapsedMs, exception);
            // Without a logger the middleware derives one from the static Log.Logger on every request.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
        });
    }

    private static bool IsEventStream(HttpContext context) =>
        context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>5xx or an exception: Error; slow: Warning; 4xx and success: their configured levels.</summary>
    public static LogEventLevel LevelFor(RequestLoggingSettings settings, int statusCode, double elapsedMs, Exception? exception) =>
        exception is not null || statusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : elapsedMs >= settings.SlowRequestMilliseconds ? LogEventLevel.Warning
        : statusCode >= StatusCodes.Status400BadRequest ? settings.ClientErrorLevel
        : settings.SuccessLevel;
}
