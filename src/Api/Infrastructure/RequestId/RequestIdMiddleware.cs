using Serilog.Context;

namespace PrivateLending.Api.Infrastructure.RequestId;

/// <summary>
/// Gives every request an id: the client's <c>X-Request-Id</c> when it is sane, a new one otherwise. It becomes
/// the trace identifier (so problems quote it), enters every log line, and goes back on every response.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";
    private const int MaxLength = 128;

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = IsSane(context.Request.Headers[HeaderName].ToString())
            ? context.Request.Headers[HeaderName].ToString()
            : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;

        // Set when the response starts: an exception handler clears headers set earlier.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[HeaderName] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);

        return InvokeWithLogContext(context, requestId);
    }

    private async Task InvokeWithLogContext(HttpContext context, string requestId)
    {
        using (LogContext.PushProperty("RequestId", requestId))
        {
            await next(context);
        }
    }

    /// <summary>Letters, digits and <c>-_.:</c>, 1–128 characters: safe to echo in headers and logs.</summary>
    internal static bool IsSane(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
