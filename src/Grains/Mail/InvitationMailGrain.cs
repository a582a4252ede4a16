using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Limits;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// Sends the invitation mails of one command. The loan's outbox makes them durable (the loan re-delivers until this
/// grain reports them sent, from its reminder after a crash); this grain's own state makes each happen once.
/// </summary>
internal sealed partial class InvitationMailGrain(
    [PersistentState("invitationmail", StorageNames.Users)] IPersistentState<InvitationMailState> state,
    IMailSender mail,
    IOptions<MailLinkOptions> links,
    IOptions<InvitationLimitsOptions> limits,
    EmailKeys emailKeys,
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

    public async Task<bool> QueueAsync(ImmutableArray<InvitationMail> invitations)
    {
        if (state.State.Queued)
        {
            // A re-delivery: the mails are queued or sent already (and the recipients' caps were counted then).
            return state.State.Sent;
        }

        if (invitations.IsDefaultOrEmpty)
        {
            // Nothing handed over, nothing sent (the loan never asks with an empty list).
            return false;
        }

        // Past a recipient's daily cap the invitation stands but its mail is not sent; all capped is "sent".
        var mailed = await WithinRecipientCapAsync(invitations);
        return await QueueMailsAsync([.. mailed.Select(i => InvitationMailText.Create(i, links.Value.PublicBaseUrl))]);
    }

    public Task<bool> QueueNoticeAsync(ServicingNotice notice)
    {
        if (state.State.Queued)
        {
            return Task.FromResult(state.State.Sent);
        }

        return notice is null ? Task.FromResult(false) : QueueMailsAsync([ServicingMailText.Create(notice, links.Value.PublicBaseUrl)]);
    }

    private async Task<bool> QueueMailsAsync(ImmutableArray<OutgoingMail> mails)
    {
        var next = new InvitationMailState { Queued = true, Sent = mails.IsDefaultOrEmpty, Outbox = mails.IsDefault ? [] : [.. mails] };
        await _writer.CommitAsync(this, next);
        if (next.Sent)
        {
            return true;
        }

        // Sent after this call returns: the loan's request never waits for the mail server.
        _mail?.Soon();
        return false;
    }

    /// <summary>
    /// The invitations whose recipient may get another invitation mail today. The others are still invitations (the
    /// lender lists them); only their mail is left out. Counted when queued: a queue call whose write then fails counts
    /// again on its retry, erring towards fewer mails.
    /// </summary>
    private async Task<List<InvitationMail>> WithinRecipientCapAsync(ImmutableArray<InvitationMail> invitations)
    {
        var cap = limits.Value.DailyMailsPerRecipient;
        var allowed = await Task.WhenAll(invitations.Select(i => GrainFactory
            .GetGrain<IDailyCounterGrain>(RecipientKey(emailKeys, i.To)).TryAddAsync(1, cap)));
        var mailed = invitations.Where((_, n) => allowed[n]).ToList();
        if (mailed.Count < invitations.Length)
        {
            var key = this.GetPrimaryKeyString();
            LogOverRecipientCap(logger, key, invitations.Length - mailed.Count, cap);
        }

        return mailed;
    }

    /// <summary>The recipient's daily mail count: keyed by the address's key, never the address.</summary>
    public static string RecipientKey(EmailKeys keys, string email) => $"invitation-mails/{keys.For(email)}";

    private async Task SendAsync()
    {
        if (state.State.Outbox.Count == 0 || _mail is null)
        {
            return;
        }

        var sent = await MailOutbox.SendAsync(mail, state.State.Outbox, MailMetrics.LoanKind, logger);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation mail {Key}: {Skipped} mail(s) not sent, their recipients had {Cap} invitation mails today")]
    private static partial void LogOverRecipientCap(ILogger logger, string key, int skipped, int cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invitation mail {Key}: recording the sent mail failed; it will be re-sent")]
    private static partial void LogWriteFailed(ILogger logger, string key, Exception exception);
}
