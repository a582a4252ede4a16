namespace PrivateLending.Grains.Users;

/// <summary>
/// Password change (signed in, current password checked by the API) and reset (a single-use link mailed to the
/// address). Both end every session; a reset also proves the inbox, so it verifies the address.
/// </summary>
public sealed partial class AccountGrain
{
    public async Task<bool> ChangePasswordAsync(Guid userId, string currentPasswordHash, string newPasswordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPasswordHash);
        var now = clock.GetUtcNow();
        var current = state.State;
        if (!Active(current, now) || current.UserId != userId || current.PasswordHash != currentPasswordHash)
        {
            return false;
        }

        var next = current.Copy();
        next.PasswordHash = newPasswordHash;
        next.Sessions = [];
        UserAudit.PasswordChanged(next, "changed", now);
        await _writer.CommitAsync(this, next);
        await DeliverAuditAsync();
        return true;
    }

    public async Task RequestPasswordResetAsync()
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (!Active(current, now))
        {
            return;
        }

        var next = current.Copy();
        if (!MailQuota.TryTake(next, now, s => s.ResetMailsToday++ < AccountMail.MaxResetsPerDay))
        {
            return;
        }

        AccountMail.IssueReset(next, this.GetPrimaryKeyString(), links.Value.PublicBaseUrl, now);
        await _writer.CommitAsync(this, next);
        _mail?.Soon();
    }

    public Task<bool> CheckPasswordResetAsync(string secret) =>
        Task.FromResult(ResetUsable(state.State, secret, clock.GetUtcNow()));

    public async Task<bool> ResetPasswordAsync(string secret, string newPasswordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPasswordHash);
        var now = clock.GetUtcNow();
        var current = state.State;
        if (!ResetUsable(current, secret, now))
        {
            return false;
        }

        var next = current.Copy();
        if (!current.EmailVerified)
        {
            // Whoever registered the address without proving it loses what they did under it: the inbox's owner
            // starts as a new identity (no loans, tokens or sessions of the former holder).
            next.UserId = Guid.CreateVersion7();
            next.CreatedAt = now;
            UserAudit.Replaced(current, next);
            next.EmailVerified = true;
            next.LinkPending = true;
            UserAudit.Registered(next);
        }

        next.PasswordHash = newPasswordHash;
        next.ResetHash = null;
        next.VerificationHash = null;
        next.Sessions = [];
        UserAudit.PasswordChanged(next, "reset", now);
        await _writer.CommitAsync(this, next);
        await DeliverAuditAsync();
        await LinkAsync();
        return true;
    }

    private bool ResetUsable(EmailState s, string secret, DateTimeOffset now) =>
        Active(s, now) && now <= s.ResetExpiresAt && VerificationMail.Matches(s.ResetHash, secret);
}
