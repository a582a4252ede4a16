using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Silo.Mail;

/// <summary>Sends grain outbox mail over SMTP with MailKit, one connection per mail (mail is rare and small).</summary>
internal sealed partial class SmtpMailSender(IOptions<MailSettings> settings, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var options = settings.Value;
        if (!options.Enabled)
        {
            LogDropped(logger, mail.MessageId);
            return;
        }

        using var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Text },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));

        using var client = new SmtpClient { Timeout = 20_000 };
        var security = !options.UseTls ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is disabled (Mail:Enabled); mail {MessageId} was not sent")]
    private static partial void LogDropped(ILogger logger, string messageId);
}
