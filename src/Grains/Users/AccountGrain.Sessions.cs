using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Users;

/// <summary>
/// Sessions: one refresh-token family each, stored as hashes in the account. Rotation keeps the hashes it replaced,
/// so a refresh secret used twice (a copy in someone else's hands) ends the session for both holders.
/// </summary>
public sealed partial class AccountGrain
{
    /// <summary>Sessions kept per account; the oldest is ended when another opens.</summary>
    internal const int MaxSessions = 20;

    /// <summary>Rotated hashes remembered per session (enough to catch a copy used after a few refreshes).</summary>
    private const int RememberedRotations = 20;

    private readonly Dictionary<Guid, DateTimeOffset> _usedTickets = [];

    public async Task<SessionTokens?> OpenSessionAsync(string verifiedPasswordHash)
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (!Active(current, now) || current.PasswordHash != verifiedPasswordHash)
        {
            return null;
        }

        _logins.Succeeded();
        var next = current.Copy();
        var secret = VerificationMail.NewSecret();
        var session = new AccountSession
        {
            SessionId = Guid.NewGuid(),
            RefreshHash = VerificationMail.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.SessionDays),
        };
        next.Sessions = [.. next.Sessions.Where(s => s.ExpiresAt > now).OrderBy(s => s.CreatedAt).TakeLast(MaxSessions - 1), session];
        await _writer.CommitAsync(this, next);
        return new SessionTokens(Profile(), session.SessionId, secret);
    }

    public async Task<SessionTokens?> RefreshSessionAsync(Guid sessionId, string refreshSecret)
    {
        ArgumentNullException.ThrowIfNull(refreshSecret);
        var now = clock.GetUtcNow();
        var current = state.State;
        var session = current.Sessions.Find(s => s.SessionId == sessionId);
        if (!Active(current, now) || session is null || session.ExpiresAt <= now)
        {
            return null;
        }

        var next = current.Copy();
        var changed = next.Sessions.Find(s => s.SessionId == sessionId)!;
        if (!VerificationMail.Matches(session.RefreshHash, refreshSecret))
        {
            if (session.RotatedHashes.Exists(h => VerificationMail.Matches(h, refreshSecret)))
            {
                // Reuse: one of two holders is not the owner, and we cannot tell which. End the family.
                next.Sessions.Remove(changed);
                await _writer.CommitAsync(this, next);
            }

            return null;
        }

        var secret = VerificationMail.NewSecret();
        changed.RotatedHashes = [.. changed.RotatedHashes.TakeLast(RememberedRotations - 1), changed.RefreshHash];
        changed.RefreshHash = VerificationMail.Hash(secret);
        await _writer.CommitAsync(this, next);
        return new SessionTokens(Profile(), sessionId, secret);
    }

    public async Task EndSessionAsync(Guid userId, Guid sessionId)
    {
        var current = state.State;
        if (current.UserId != userId || !current.Sessions.Exists(s => s.SessionId == sessionId))
        {
            return;
        }

        var next = current.Copy();
        next.Sessions.RemoveAll(s => s.SessionId == sessionId);
        await _writer.CommitAsync(this, next);
    }

    public Task<bool> IsSessionActiveAsync(Guid userId, Guid sessionId)
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        return Task.FromResult(Active(current, now) && current.UserId == userId
            && current.Sessions.Exists(s => s.SessionId == sessionId && s.ExpiresAt > now));
    }

    public Task<bool> UseEventsTicketAsync(Guid ticketId, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _usedTickets.Where(t => t.Value < now).Select(t => t.Key).ToList())
        {
            _usedTickets.Remove(expired);
        }

        return Task.FromResult(expiresAt >= now && _usedTickets.TryAdd(ticketId, expiresAt));
    }
}
