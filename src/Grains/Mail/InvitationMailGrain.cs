using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// Sends one participation's invitation mail. The loan's outbox makes it durable (the loan re-delivers until this
/// grain reports the mail sent, from its reminder after a crash); this grain's own state makes it happen once.
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

    public async Task<bool> QueueAsync(InvitationMail invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (state.State.Queued)
        {
            // A re-delivery: the mail is queued or sent already.
            return state.State.Sent;
        }

        var next = new InvitationMailState { Queued = true, Outbox = [InvitationMailText.Create(invitation, links.Value.PublicBaseUrl)] };
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

        try
        {
            await _writer.CommitAsync(this, new InvitationMailState { Queued = true, Sent = true });
            _mail.Succeeded();
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
