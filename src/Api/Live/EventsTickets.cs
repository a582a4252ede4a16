using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Live;

/// <summary>
/// Short-lived tickets for the event streams. A browser's EventSource cannot send an Authorization header, and a
/// bearer token in a URL would end up in proxy logs and browser history for its whole lifetime; a ticket is
/// accepted only by the one event stream it was issued for (as <c>?ticket=</c>), once, within a minute, and only
/// while the session it was issued in is open. Sealed with Data Protection (shared key ring), so any API instance
/// accepts a ticket any other issued; the account's grain records its use, so no instance accepts it twice.
/// </summary>
internal sealed class EventsTickets(IDataProtectionProvider protection, IOptions<LiveSettings> settings, TimeProvider clock)
{
    private const char Separator = '\n';
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("PrivateLending.Live.EventsTicket.v1").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromSeconds(settings.Value.TicketSeconds);

    /// <summary>The stream a ticket opens: the caller's dashboard stream, or one loan's.</summary>
    public static string StreamFor(Guid? loanId) => loanId is { } id ? id.ToString("N") : "me";

    public (string Ticket, DateTimeOffset ExpiresAt) Issue(Caller caller, Guid? loanId)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = string.Join(Separator, caller.UserId.ToString("N"), caller.Actor.Email, caller.Actor.Name,
            caller.SessionId.ToString("N"), Guid.NewGuid().ToString("N"), StreamFor(loanId));
        return (_protector.Protect(payload, expires), expires);
    }

    /// <summary>The identity a ticket carries, or null when it is forged, altered or expired.</summary>
    public EventsTicket? Read(string ticket, string scheme)
    {
        string payload;
        DateTimeOffset expiration;
        try
        {
            payload = _protector.Unprotect(ticket, out expiration);
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
        if (parts.Length != 6 || !Guid.TryParseExact(parts[0], "N", out var userId) || !Guid.TryParseExact(parts[4], "N", out var ticketId))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ApiClaims.Subject, userId.ToString()), new Claim(ApiClaims.Email, parts[1]), new Claim(ApiClaims.Name, parts[2]),
                new Claim(ApiClaims.SessionId, parts[3]),
            ],
            scheme, ApiClaims.Name, ApiClaims.Roles);
        return new EventsTicket(new ClaimsPrincipal(identity), ticketId, parts[5], expiration);
    }
}

/// <summary>A ticket's identity, its id (used once), the stream it opens and when it expires.</summary>
internal sealed record EventsTicket(ClaimsPrincipal Principal, Guid TicketId, string Stream, DateTimeOffset ExpiresAt);

/// <summary>Authenticates <c>?ticket=</c> on the endpoints whose policy names this scheme (only the event streams).</summary>
internal sealed class EventsTicketHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EventsTickets tickets,
    SessionCheck sessions, IClusterClient cluster, EmailKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EventsTicket";
    public const string QueryName = "ticket";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Query[QueryName].ToString() is not { Length: > 0 } ticket)
        {
            return AuthenticateResult.NoResult();
        }

        // The stream this request opens: a loan's (its route value) or the caller's own.
        var loanId = Guid.TryParse(Context.GetRouteValue("loan_id")?.ToString(), out var id) ? id : (Guid?)null;
        if (tickets.Read(ticket, SchemeName) is not { } read
            || read.Stream != EventsTickets.StreamFor(loanId)
            || !await sessions.IsOpenAsync(read.Principal)
            || !await cluster.GetGrain<IAccountGrain>(keys.For(read.Principal.FindFirstValue(ApiClaims.Email)!))
                .UseEventsTicketAsync(read.TicketId, read.ExpiresAt))
        {
            return AuthenticateResult.Fail("The events ticket is invalid, was used already, is for another stream or has expired.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(read.Principal, SchemeName));
    }

    /// <summary>The bearer scheme, challenged first, already answers 401 with a problem body.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;
}
