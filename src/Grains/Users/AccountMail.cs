using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>The account mails other than verification: a registration attempt on a proved address, a password reset.</summary>
internal static class AccountMail
{
    /// <summary>How long a password-reset link works.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Reset mails per account and UTC day.</summary>
    public const int MaxResetsPerDay = 5;

    public static OutgoingMail RegistrationNotice(EmailState account, Uri publicBaseUrl) => new()
    {
        MessageId = MailOutbox.NewMessageId(),
        To = account.Email,
        Subject = "Someone tried to register your address",
        Text = $"""
            Hello {account.Name},

            someone tried to create a PrivateLending account with this address, which already has one. Nothing changed.
            If it was you, sign in at {new Uri(publicBaseUrl, "app/")}, or reset your password there.
            If it was not, you need not do anything.
            """,
    };

    /// <summary>Applies a new reset secret to <paramref name="state"/> and queues its mail.</summary>
    public static void IssueReset(EmailState state, string grainKey, Uri publicBaseUrl, DateTimeOffset now)
    {
        var secret = VerificationMail.NewSecret();
        state.ResetHash = VerificationMail.Hash(secret);
        state.ResetExpiresAt = now + ResetLifetime;
        var token = EmailVerificationToken.Format(grainKey, secret);
        state.Outbox.Add(new OutgoingMail
        {
            MessageId = MailOutbox.NewMessageId(),
            To = state.Email,
            Subject = "Reset your password",
            Text = $"""
                Hello {state.Name},

                to choose a new password, open this link within 30 minutes (it works once):

                {new Uri(publicBaseUrl, "app/reset-password?token=" + Uri.EscapeDataString(token))}

                Choosing a new password signs out every session and confirms this address.
                If you did not ask for this, ignore this mail; your password stays as it is.
                """,
        });
    }
}
