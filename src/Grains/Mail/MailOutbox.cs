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
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(outbox);
        var tag = new KeyValuePair<string, object?>("kind", kind);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var taken = 0;
        // Each mail has the same time to be taken as when each was sent alone: every accepted mail re-arms the timeout.
        using var timeout = new CancellationTokenSource(SendTimeout);
        try
        {
            await sender.SendAllAsync(outbox, mail =>
            {
                taken++;
                sent.Add(mail.MessageId);
                MailMetrics.Sent.Add(1, tag);
                timeout.CancelAfter(SendTimeout);
            }, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && taken < outbox.Count)
        {
            // The recipient is not logged: addresses stay out of logs.
            MailMetrics.Failed.Add(1, tag);
            LogSendFailed(logger, outbox[taken].MessageId, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Every mail was taken; only closing the connection failed.
            LogCloseFailed(logger, ex);
        }

        return sent;
    }

    /// <summary>A new Message-ID (RFC 5322 form without the angle brackets).</summary>
    public static string NewMessageId() => $"{Guid.CreateVersion7():N}@privatelending";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server took every mail, then failed while the connection closed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} was not accepted by the mail server; will retry")]
    private static partial void LogSendFailed(ILogger logger, string messageId, Exception exception);
}
