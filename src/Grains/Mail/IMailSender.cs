namespace PrivateLending.Grains.Mail;

/// <summary>
/// Hands mail to the mail system. The host implements it (SMTP); grains only queue mail in their state and
/// call this from a timer, never in a request's path.
/// </summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="mail"/>; throws when it was not accepted (the outbox then retries it).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="mails"/> in order, calling <paramref name="accepted"/> for each as soon as the mail system
    /// took it, and throws at the first it did not take (the rest are not tried). A host may send them over one
    /// connection (an invitation of 20 lenders is 20 mails); by default each goes alone.
    /// </summary>
    async Task SendAllAsync(IReadOnlyList<OutgoingMail> mails, Action<OutgoingMail> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        ArgumentNullException.ThrowIfNull(accepted);
        foreach (var mail in mails)
        {
            await SendAsync(mail, cancellationToken);
            accepted(mail);
        }
    }
}
