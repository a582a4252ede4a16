using System.Security.Claims;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.RequestId;
using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Api.Audit;

/// <summary>
/// Puts who is calling and from where (user id, client IP, user agent, our request id and the client's) into the Orleans request
/// context of every grain call this request makes; grains copy it into the audit entries of their changes.
/// </summary>
internal sealed class AuditRequestContext(RequestDelegate next)
{
    private const int MaxUserAgentLength = 512;

    public async Task InvokeAsync(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        AuditContext.Set(
            Guid.TryParse(context.User.FindFirstValue(ApiClaims.Subject), out var userId) ? userId : null,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            context.TraceIdentifier,
            RequestIdMiddleware.ClientRequestId(context));
        try
        {
            await next(context);
        }
        finally
        {
            Orleans.Runtime.RequestContext.Clear();
        }
    }
}
