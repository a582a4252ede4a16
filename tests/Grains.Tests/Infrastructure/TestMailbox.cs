using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>Collects the mail the test silo sends, so tests can read a verification link like a user would.</summary>
public sealed partial class TestMailbox : IMailSender
{
    public static TestMailbox Instance { get; } = new();

    private readonly ConcurrentQueue<OutgoingMail> _mail = new();

    public IReadOnlyList<OutgoingMail> To(string address) =>
        [.. _mail.Where(m => string.Equals(m.To, address.Trim(), StringComparison.OrdinalIgnoreCase))];

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

    [GeneratedRegex("token=([^\\s]+)")]
    private static partial Regex TokenPattern();
}
