using System.Net.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>What counts as an email address here: a plain addr-spec with a dotted domain, nothing else.</summary>
internal static class EmailRules
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl))
        {
            return false;
        }

        // MailAddress also accepts display names ("Bob <b@x.io>") and quoted forms; insist it parsed to exactly the input.
        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
        {
            return false;
        }

        var host = parsed.Host;
        var lastDot = host.LastIndexOf('.');
        return parsed.User.Length > 0 && lastDot > 0 && lastDot < host.Length - 1 && !host.Contains("..", StringComparison.Ordinal);
    }
}
