using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;

namespace PrivateLending.Api.Live;

/// <summary>
/// Short-lived tickets for the event streams. A browser's EventSource cannot send an Authorization header, and a
/// bearer token in a URL would end up in proxy logs and browser history for its whole lifetime; a ticket is
/// accepted only by the event-stream endpoints (as <c>?ticket=</c>) and only for a minute. Sealed with Data
/// Protection (shared key ring), so any API instance accepts a ticket any other issued.
/// </summary>
internal sealed class EventsTickets(IDataProtectionProvider protection, IOptions<LiveSettings> settings, TimeProvider clock)
{
    private const char Separator = '\n';
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("PrivateLending.Live.EventsTicket.v1").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromSeconds(settings.Value.TicketSeconds);

    public (string Ticket, DateTimeOffset ExpiresAt) Issue(Caller caller)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = string.Join(Separator, caller.UserId.ToString("N"), caller.Actor.Email, caller.Actor.Name);
        return (_protector.Protect(payload, expires), expires);
    }

    /// <summary>The identity a ticket carries, or null when it is forged, altered or expired.</summary>
    public ClaimsPrincipal? Read(string ticket, string scheme)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(ticket, out var expiration);
            if (expiration < clock.GetUtcNow())
            {
                return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split(Separator);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var userId))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ApiClaims.Subject, userId.ToString()), new Claim(ApiClaims.Email, parts[1]), new Claim(ApiClaims.Name, parts[2])],
            scheme, ApiClaims.Name, ApiClaims.Roles);
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>Authenticates <c>?ticket=</c> on the endpoints whose policy names this scheme (only the event streams).</summary>
internal sealed class EventsTicketHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EventsTickets tickets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EventsTicket";
    public const string QueryName = "ticket";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Query[QueryName].ToString() is not { Length: > 0 } ticket)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(tickets.Read(ticket, SchemeName) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail("The events ticket is invalid or has expired."));
    }

    /// <summary>The bearer scheme, challenged first, already answers 401 with a problem body.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;
}
