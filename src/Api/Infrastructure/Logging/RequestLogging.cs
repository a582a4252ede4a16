using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Configuration;
using Serilog;
using Serilog.Events;

namespace PrivateLending.Api.Infrastructure.Logging;

/// <summary>
/// Serilog's one line per completed request, at a level that depends on how the request went. Besides the method,
/// path, status and elapsed time it carries the route template, the request id (log context), the trace id (the
/// event's own) and the caller's user id: the token's subject, never an email address.
/// </summary>
internal static class RequestLogging
{
    public const string RouteTemplateProperty = "RouteTemplate";
    public const string UserIdProperty = "UserId";

    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<RequestLoggingSettings>>().Value;
        return app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
            // An event stream lasts as long as its client stays: its duration is not slowness.
            options.GetLevel = (context, elapsedMs, exception) => IsProbe(context) && exception is null && context.Response.StatusCode < 400
                ? LogEventLevel.Debug
                : LevelFor(settings, exception is null ? context.Response.StatusCode : 500, IsEventStream(context) ? 0 : elapsedMs, exception);
            options.EnrichDiagnosticContext = static (diagnostics, context) =>
            {
                // Runs after the request: routing and authentication have filled these in by then.
                if (context.GetEndpoint() is RouteEndpoint { RoutePattern: RoutePattern pattern })
                {
                    diagnostics.Set(RouteTemplateProperty, "/" + (pattern.RawText ?? "").TrimStart('/'));
                }

                if (context.User.FindFirst(ApiClaims.Subject)?.Value is { Length: > 0 } subject)
                {
                    diagnostics.Set(UserIdProperty, subject);
                }
            };
            // Without a logger the middleware derives one from the static Log.Logger on every request.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
        });
    }

    private static bool IsEventStream(HttpContext context) =>
        context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    // Probes and scrapes come every few seconds: a line each would bury the requests people make.
    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics");

    /// <summary>5xx or an exception: Error; slow: Warning; 4xx and success: their configured levels.</summary>
    public static LogEventLevel LevelFor(RequestLoggingSettings settings, int statusCode, double elapsedMs, Exception? exception) =>
        exception is not null || statusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : elapsedMs >= settings.SlowRequestMilliseconds ? LogEventLevel.Warning
        : statusCode >= StatusCodes.Status400BadRequest ? settings.ClientErrorLevel
        : settings.SuccessLevel;
}
