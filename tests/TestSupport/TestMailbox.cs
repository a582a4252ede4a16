using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PrivateLending.Grains.Mail;

namespace PrivateLending.TestSupport;

/// <summary>
/// Collects the mail an in-process test silo sends (and reads what silo processes sent over SMTP to
/// <see cref="TestSmtpServer"/>), so tests can read a verification link like a user would.
/// </summary>
public sealed partial class TestMailbox : IMailSender
{
    public static TestMailbox Instance { get; } = new();

    private readonly ConcurrentQueue<OutgoingMail> _mail = new();

    /// <summary>Mail to <paramref name="address"/>: from the in-process test silo, and over SMTP from silo processes.</summary>
    public IReadOnlyList<OutgoingMail> To(string address) =>
        [.. All().Where(m => string.Equals(m.To, address.Trim(), StringComparison.OrdinalIgnoreCase))];

    private IEnumerable<OutgoingMail> All() =>
        _mail.Concat(TestSmtpServer.Shared.Received.Select(
            r => new OutgoingMail { MessageId = r.MessageId, To = r.To, Subject = r.Subject, Text = r.Text }));

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        _mail.Enqueue(mail);
        return Task.CompletedTask;
    }

    /// <summary>The token in the newest verification link sent to <paramref name="address"/>, waiting up to 10 s for it.</summary>
    public async Task<string> VerificationTokenAsync(string address)
    {
        for (var i = 0; i < 200; i++)
        {
            if (To(address).LastOrDefault(m => m.Subject.Contains("Confirm", StringComparison.Ordinal)) is { } mail)
            {
                return Uri.UnescapeDataString(TokenPattern().Match(mail.Text).Groups[1].Value);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No verification mail arrived.");
    }

    /// <summary>The tokens of every verification link sent so far.</summary>
    public IEnumerable<string> VerificationTokens() =>
        All().Where(m => m.Subject.Contains("Confirm", StringComparison.Ordinal))
            .Select(m => Uri.UnescapeDataString(TokenPattern().Match(m.Text).Groups[1].Value));

    [GeneratedRegex("token=([^\\s]+)")]
    private static partial Regex TokenPattern();
}
