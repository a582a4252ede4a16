using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Silo.Mail;

/// <summary>
/// Sends grain outbox mail over SMTP with MailKit: one connection per outbox drained (an invitation of 10 lenders is
/// 10 mails), not per mail; each connection's handshake cost the silo more than the mail it carried.
/// </summary>
internal sealed partial class SmtpMailSender(IOptions<MailSettings> settings, ILogger<SmtpMailSender> logger) : IMailSender
{
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return SendAllAsync([mail], _ => { }, cancellationToken);
    }

    public async Task SendAllAsync(IReadOnlyList<OutgoingMail> mails, Action<OutgoingMail> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        ArgumentNullException.ThrowIfNull(accepted);
        var options = settings.Value;
        if (!options.Enabled)
        {
            foreach (var mail in mails)
            {
                LogDropped(logger, mail.MessageId);
                accepted(mail);
            }

            return;
        }

        if (mails.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient { Timeout = 20_000 };
        var security = !options.UseTls ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
        }

        foreach (var mail in mails)
        {
            using var message = Message(mail, options);
            await client.SendAsync(message, cancellationToken);
            accepted(mail);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static MimeMessage Message(OutgoingMail mail, MailSettings options)
    {
        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Text },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is disabled (Mail:Enabled); mail {MessageId} was not sent")]
    private static partial void LogDropped(ILogger logger, string messageId);
}
