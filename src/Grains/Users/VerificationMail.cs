using System.Security.Cryptography;
using System.Text;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>Issues verification secrets and writes the mail that carries them.</summary>
internal static class VerificationMail
{
    /// <summary>How long a user waits between two verification mails.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(1);

    /// <summary>Resends allowed per account and UTC day: the mail goes to an address nobody has proved yet.</summary>
    public const int MaxResendsPerDay = 5;

    /// <summary>A new random secret (256 bits, base64url).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the grain stores instead of the secret.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="storedHash"/> (constant time).</summary>
    public static bool Matches(string? storedHash, string secret) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(secret)));

    /// <summary>The mail with the verification link for <paramref name="token"/>.</summary>
    public static OutgoingMail Create(string to, string name, string token, Uri publicBaseUrl) => new()
    {
        MessageId = MailOutbox.NewMessageId(),
        To = to,
        Subject = "Confirm your email address",
        Text = $"""
            Hello {name},

            please confirm that this is your email address by opening this link within 24 hours:

            {new Uri(publicBaseUrl, "app/verify-email?token=" + Uri.EscapeDataString(token))}

            Until you do, invitations to lend are not shown to your account.
            If you did not create an account, ignore this mail.
            """,
    };

    /// <summary>Applies a newly issued secret to <paramref name="state"/> and queues its mail.</summary>
    public static void Issue(EmailState state, string grainKey, Uri publicBaseUrl, DateTimeOffset now)
    {
        var secret = NewSecret();
        state.VerificationHash = Hash(secret);
        state.VerificationExpiresAt = now + EmailVerificationToken.Lifetime;
        state.VerificationSentAt = now;
        state.Outbox = [.. state.Outbox, Create(state.Email, state.Name, EmailVerificationToken.Format(grainKey, secret), publicBaseUrl)];
    }
}
