using Serilog.Context;

namespace PrivateLending.Api.Infrastructure.RequestId;

/// <summary>
/// Gives every request our own id, always made here: it becomes the trace identifier (so problems quote it), enters
/// every log line and the audit entries, and goes back in <c>X-Request-Id</c>. A client's own <c>X-Request-Id</c>,
/// when sane, is kept apart as the client request id (logged and audited in its own field): a value the caller
/// chose must never pass for one we issued.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";
    private const int MaxLength = 128;
    private static readonly object ClientRequestIdItem = new();

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;
        var sent = context.Request.Headers[HeaderName].ToString();
        var clientRequestId = IsSane(sent) ? sent : null;
        if (clientRequestId is not null)
        {
            context.Items[ClientRequestIdItem] = clientRequestId;
        }

        // Set when the response starts: an exception handler clears headers set earlier.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[HeaderName] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);

        return InvokeWithLogContext(context, requestId, clientRequestId);
    }

    /// <summary>The <c>X-Request-Id</c> the client sent, when it was sane; never our own id.</summary>
    public static string? ClientRequestId(HttpContext context) => context.Items[ClientRequestIdItem] as string;

    private async Task InvokeWithLogContext(HttpContext context, string requestId, string? clientRequestId)
    {
        using (LogContext.PushProperty("RequestId", requestId))
        using (clientRequestId is null ? null : LogContext.PushProperty("ClientRequestId", clientRequestId))
        {
            await next(context);
        }
    }

    /// <summary>Letters, digits and <c>-_.:</c>, 1–128 characters: safe to keep in logs and audit entries.</summary>
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
