using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// Sends a grain's queued mail in order and reports which were accepted; the grain then removes those in one
/// write. A crash between the send and that write re-sends with the same Message-ID (at least once).
/// </summary>
internal static partial class MailOutbox
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The message ids accepted by <paramref name="sender"/>, stopping at the first failure; each mail and failure is
    /// counted under <paramref name="kind"/> (<see cref="MailMetrics"/>).
    /// </summary>
    public static async Task<HashSet<string>> SendAsync(IMailSender sender, IReadOnlyList<OutgoingMail> outbox, string kind, ILogger logger)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mail in outbox)
        {
            try
            {
                using var timeout = new CancellationTokenSource(SendTimeout);
                await sender.SendAsync(mail, timeout.Token);
                sent.Add(mail.MessageId);
                MailMetrics.Sent.Add(1, tag);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The recipient is not logged: addresses stay out of logs.
                MailMetrics.Failed.Add(1, tag);
                LogSendFailed(logger, mail.MessageId, ex);
                break;
            }
        }

        return sent;
    }

    /// <summary>A new Message-ID (RFC 5322 form without the angle brackets).</summary>
    public static string NewMessageId() => $"{Guid.CreateVersion7():N}@privatelending";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} was not accepted by the mail server; will retry")]
    private static partial void LogSendFailed(ILogger logger, string messageId, Exception exception);
}
