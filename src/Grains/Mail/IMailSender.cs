namespace PrivateLending.Grains.Mail;

/// <summary>
/// Hands one mail to the mail system. The host implements it (SMTP); grains only queue mail in their state and
/// call this from a timer, never in a request's path.
/// </summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="mail"/>; throws when it was not accepted (the outbox then retries it).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
