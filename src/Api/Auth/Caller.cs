using System.Security.Claims;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Auth;

/// <summary>
/// The authenticated caller, bound as a handler parameter: the <see cref="Actor"/> grains record for audit
/// (with client IP and user agent) and the <see cref="Viewer"/> they check visibility with.
/// </summary>
internal sealed record Caller(Actor Actor, Viewer Viewer, string NormalizedEmail)
{
    private const int MaxUserAgentLength = 512;

    public Guid UserId => Actor.UserId;

    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context));

    public static Caller From(HttpContext context)
    {
        var user = context.User;
        if (!Guid.TryParse(user.FindFirstValue(ApiClaims.Subject), out var userId)
            || user.FindFirstValue(ApiClaims.Email) is not { Length: > 0 } email)
        {
            // Only reachable on an endpoint that forgot RequireAuthorization, or with a token we did not issue.
            throw new ApiProblemException(401, ProblemCodes.Unauthorized, "A valid bearer token is required.");
        }

        var name = user.FindFirstValue(ApiClaims.Name) ?? string.Empty;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (userAgent.Length > MaxUserAgentLength)
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        var actor = new Actor(userId, email, name, context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent);
        var normalized = EmailAddress.Normalize(email);
        return new Caller(actor, new Viewer(userId, normalized), normalized);
    }
}
