using System.Collections.Concurrent;
using PrivateLending.Grains.Mail;

namespace PrivateLending.TestSupport;

/// <summary>
/// Collects the mail an in-process test silo sends (and reads what silo processes sent over SMTP to
/// <see cref="TestSmtpServer"/>), so tests can read a verification link like a user would.
/// </summary>
public sealed class TestMailbox : IMailSender, IMailInbox
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

    public Task<string> VerificationTokenAsync(string address) => TokenAsync(address, MailLinks.VerificationSubject);

    public Task<IReadOnlyList<string>> SubjectsAsync(string address) => Task.FromResult<IReadOnlyList<string>>([.. To(address).Select(m => m.Subject)]);

    /// <summary>The token in the newest password-reset link sent to <paramref name="address"/>, waiting up to 10 s for it.</summary>
    public Task<string> ResetTokenAsync(string address) => TokenAsync(address, "Reset your password");

    /// <summary>The number of mails to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public int Count(string address, string subject) =>
        To(address).Count(m => m.Subject.Contains(subject, StringComparison.Ordinal));

    private async Task<string> TokenAsync(string address, string subject)
    {
        for (var i = 0; i < 200; i++)
        {
            if (To(address).LastOrDefault(m => m.Subject.Contains(subject, StringComparison.Ordinal)) is { } mail)
            {
                return MailLinks.Token(mail.Text);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No mail about \"{subject}\" arrived.");
    }

    /// <summary>Every verification link sent so far: to whom, and its token.</summary>
    public IEnumerable<(string To, string Token)> VerificationLinks() =>
        All().Where(m => m.Subject.Contains(MailLinks.VerificationSubject, StringComparison.Ordinal))
            .Select(m => (m.To, MailLinks.Token(m.Text)));
}
