using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>
/// Whether the session an access token (or events ticket) belongs to is still open: asked of the account grain and
/// remembered for <see cref="JwtSettings.SessionCheckSeconds"/>, so sign-out, a password change or reset and a
/// reused refresh token cut off access tokens within their lifetime. This instance forgets an account's answers as
/// soon as it ends one of its sessions itself.
/// </summary>
internal sealed class SessionCheck(IClusterClient cluster, EmailKeys keys, IOptions<JwtSettings> settings, TimeProvider clock)
{
    private const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<(string Key, Guid UserId, Guid SessionId), (bool Open, DateTimeOffset At, long Generation)> _answers = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    /// <summary>The session named by a principal's claims; null when it names none (a token we did not issue).</summary>
    public static (Guid UserId, Guid SessionId, string Email)? SessionOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(ApiClaims.Subject), out var userId)
            && Guid.TryParseExact(user.FindFirstValue(ApiClaims.SessionId), "N", out var sessionId)
            && user.FindFirstValue(ApiClaims.Email) is { Length: > 0 } email
            ? (userId, sessionId, email)
            : null;
    }

    public async ValueTask<bool> IsOpenAsync(ClaimsPrincipal user)
    {
        if (SessionOf(user) is not { } session)
        {
            return false;
        }

        var key = (keys.For(session.Email), session.UserId, session.SessionId);
        var generation = _generations.GetValueOrDefault(key.Item1);
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(key, out var known) && known.Generation == generation
            && now - known.At < TimeSpan.FromSeconds(settings.Value.SessionCheckSeconds))
        {
            return known.Open;
        }

        var open = await cluster.GetGrain<IAccountGrain>(key.Item1).IsSessionActiveAsync(session.UserId, session.SessionId);
        if (_answers.Count >= MaxRemembered)
        {
            _answers.Clear();
        }

        _answers[key] = (open, now, generation);
        return open;
    }

    /// <summary>Forgets every remembered answer for the account keyed <paramref name="emailKey"/> (its sessions changed).</summary>
    public void Forget(string emailKey)
    {
        if (_generations.Count >= MaxRemembered)
        {
            // Both together: a generation forgotten alone could make an older answer look current again.
            _answers.Clear();
            _generations.Clear();
        }

        _generations.AddOrUpdate(emailKey, 1, (_, g) => g + 1);
    }
}
