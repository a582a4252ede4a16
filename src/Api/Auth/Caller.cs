using System.Security.Claims;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>
/// The authenticated caller, bound as a handler parameter: the <see cref="Actor"/> grains record for audit
/// (with client IP and user agent) and the <see cref="Viewer"/> they check visibility with. Until the caller's
/// email is verified the viewer carries no email, so loans that only invited the address stay hidden (404).
/// </summary>
internal sealed record Caller(Actor Actor, Viewer Viewer, string NormalizedEmail, bool EmailVerified = true)
{

    public Guid UserId => Actor.UserId;

    /// <summary>The session the caller's token belongs to (ended by sign-out, password change or reset).</summary>
    public Guid SessionId { get; init; }

    /// <summary>The key of the caller's email and lender grains and invitee stream (<see cref="EmailKeys"/>).</summary>
    public string EmailKey { get; init; } = "";

    public static async ValueTask<Caller?> BindAsync(HttpContext context)
    {
        var caller = From(context);
        if (caller.EmailVerified)
        {
            return caller;
        }

        // Tokens issued before verification say false: ask the account once, so verifying takes effect at once.
        var cluster = context.RequestServices.GetRequiredService<IClusterClient>();
        var profile = await cluster.GetGrain<IAccountGrain>(caller.EmailKey).GetProfileAsync();
        return profile is { EmailVerified: true } && profile.UserId == caller.UserId
            ? caller with
            {
                Actor = caller.Actor with { EmailVerified = true },
                Viewer = caller.Viewer with { Email = caller.NormalizedEmail },
                EmailVerified = true,
            }
            : caller;
    }

    /// <summary>Refuses (403 EMAIL_NOT_VERIFIED) an action that needs a verified address.</summary>
    public void RequireVerifiedEmail()
    {
        if (!EmailVerified)
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.EmailNotVerified,
                "Confirm your email address first: open the link in the verification mail.");
        }
    }

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
        var normalized = EmailAddress.Normalize(email);
        var verified = string.Equals(user.FindFirstValue(ApiClaims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase);
        var actor = new Actor(userId, email, name, verified);
        return new Caller(actor, new Viewer(userId, verified ? normalized : ""), normalized, verified)
        {
            EmailKey = context.RequestServices.GetRequiredService<EmailKeys>().For(normalized),
            SessionId = Guid.TryParseExact(user.FindFirstValue(ApiClaims.SessionId), "N", out var session) ? session : Guid.Empty,
        };
    }
}
