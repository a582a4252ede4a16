using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>
/// What an account delivers after its writes, on retry timers: the link to the invitations sent to its address, and
/// its mails (recorded as sent in one write; a failed write re-sends with the same Message-ID).
/// </summary>
public sealed partial class AccountGrain
{
    private async Task LinkAsync()
    {
        if (_linkAcknowledged || !state.State.LinkPending || _link is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IInvitationIndexGrain>(this.GetPrimaryKeyString()).LinkAccountAsync(state.State.UserId, state.State.Name, EmailAddress.Normalize(state.State.Email));
            _linkAcknowledged = true;
            _link.Succeeded();
        }
        catch (Exception ex)
        {
            LogLinkFailed(logger, state.State.UserId, ex);
            _link.Backoff();
        }
    }

    private async Task SendMailAsync()
    {
        if (state.State.Outbox.Count == 0 || _mail is null)
        {
            return;
        }

        var outbox = state.State.Outbox;
        var sent = await MailOutbox.SendAsync(mail, outbox, MailMetrics.AccountKind, logger);
        if (sent.Count > 0)
        {
            var next = state.State.Copy();
            next.Outbox = [.. outbox.Where(m => !sent.Contains(m.MessageId))];
            try
            {
                await _writer.CommitAsync(this, next);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The next activation re-sends with the same Message-ID.
                LogOutboxWriteFailed(logger, state.State.UserId, ex);
                return;
            }
        }

        if (sent.Count < outbox.Count)
        {
            _mail.Backoff();
        }
        else
        {
            _mail.Succeeded();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: recording sent mail failed; it will be re-sent")]
    private static partial void LogOutboxWriteFailed(ILogger logger, Guid userId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: linking the account to its invitations failed; will retry")]
    private static partial void LogLinkFailed(ILogger logger, Guid userId, Exception exception);
}
