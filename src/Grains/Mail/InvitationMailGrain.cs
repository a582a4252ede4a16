using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// Sends the invitation mails of one command. The loan's outbox makes them durable (the loan re-delivers until this
/// grain reports them sent, from its reminder after a crash); this grain's own state makes each happen once.
/// </summary>
internal sealed partial class InvitationMailGrain(
    [PersistentState("invitationmail", StorageNames.Users)] IPersistentState<InvitationMailState> state,
    IMailSender mail,
    IOptions<MailLinkOptions> links,
    ILogger<InvitationMailGrain> logger) : Grain, IInvitationMailGrain
{
    private readonly StateWriter<InvitationMailState> _writer = new(state);
    private RetryTimer? _mail;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _mail = new RetryTimer(this, _ => SendAsync(), interleave: false);
        if (state.State.Outbox.Count > 0)
        {
            _mail.Soon();
        }

        return Task.CompletedTask;
    }

    public Task<bool> QueueAsync(ImmutableArray<InvitationMail> invitations) =>
        QueueMailsAsync(invitations.IsDefault ? [] : [.. invitations.Select(i => InvitationMailText.Create(i, links.Value.PublicBaseUrl))]);

    public Task<bool> QueueNoticeAsync(ServicingNotice notice) =>
        QueueMailsAsync(notice is null ? [] : [ServicingMailText.Create(notice, links.Value.PublicBaseUrl)]);

    private async Task<bool> QueueMailsAsync(ImmutableArray<OutgoingMail> mails)
    {
        if (state.State.Queued)
        {
            // A re-delivery: the mails are queued or sent already.
            return state.State.Sent;
        }

        if (mails.IsDefaultOrEmpty)
        {
            // Nothing handed over, nothing sent (the loan never asks with an empty list).
            return false;
        }

        var next = new InvitationMailState { Queued = true, Outbox = [.. mails] };
        await _writer.CommitAsync(this, next);
        // Sent after this call returns: the loan's request never waits for the mail server.
        _mail?.Soon();
        return false;
    }

    private async Task SendAsync()
    {
        if (state.State.Outbox.Count == 0 || _mail is null)
        {
            return;
        }

        var sent = await MailOutbox.SendAsync(mail, state.State.Outbox, logger);
        if (sent.Count == 0)
        {
            _mail.Backoff();
            return;
        }

        // One write for the mails sent; those left (the server refused one) wait for the retry.
        var left = state.State.Outbox.Where(m => !sent.Contains(m.MessageId)).ToList();
        try
        {
            await _writer.CommitAsync(this, new InvitationMailState { Queued = true, Sent = left.Count == 0, Outbox = left });
            if (left.Count == 0)
            {
                _mail.Succeeded();
            }
            else
            {
                _mail.Backoff();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next activation sends again, with the same Message-ID.
            LogWriteFailed(logger, this.GetPrimaryKeyString(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invitation mail {Key}: recording the sent mail failed; it will be re-sent")]
    private static partial void LogWriteFailed(ILogger logger, string key, Exception exception);
}
