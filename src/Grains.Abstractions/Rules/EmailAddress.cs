using System.Net.Mail;

namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Emails are identities: what counts as an address (a plain addr-spec with a dotted domain, nothing else) and the
/// one normal form (trimmed, compared case-insensitively) used as a grain key and for comparisons.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address accepted (the SMTP path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The message for a value that is not an address; it never echoes the value.</summary>
    public const string InvalidMessage = "Must be a plain email address such as name@example.com, at most 254 characters.";

    /// <summary>The normal form used as a grain key and for comparisons.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }

    /// <summary>True for a plain address (surrounding spaces allowed): no display name, quotes, spaces or control characters.</summary>
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

        // The limit is in octets (RFC 5321), and the address is stored in several items: count UTF-8 bytes too.
        if (System.Text.Encoding.UTF8.GetByteCount(trimmed) > MaxLength)
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

    /// <summary>Adds "is required" for a missing address, <see cref="InvalidMessage"/> for a malformed one; returns whether it is valid.</summary>
    public static bool Check(FieldErrors errors, string field, string? email)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(field, "Is required.");
            return false;
        }

        return !errors.When(!IsValid(email), field, InvalidMessage);
    }
}
