using System.Net.Mail;
using System.Text;

namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Emails are identities: what counts as an address (a plain ASCII addr-spec with a dotted domain, nothing else)
/// and the one normal form used as an identity and for comparisons.
/// </summary>
/// <remarks>
/// The normal form: trimmed, A–Z lower-cased, nothing else folded. Addresses with any non-ASCII character are
/// refused (an internationalised domain is accepted in its ASCII "xn--" form): providers disagree on how to
/// compare Unicode local parts, culture-aware case folding merges different addresses (dotless ı, long ſ and the
/// Kelvin sign fold into i, s and k), and the processes run with invariant globalization, so no IDNA mapping
/// is available to make Unicode domains comparable. See docs/accounts.md.
/// </remarks>
public static class EmailAddress
{
    /// <summary>The longest address accepted (the SMTP path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The message for a value that is not an address; it never echoes the value.</summary>
    public const string InvalidMessage = "Must be a plain ASCII email address such as name@example.com, at most 254 characters.";

    /// <summary>The normal form used as an identity and for comparisons (see the remarks on <see cref="EmailAddress"/>).</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return AsciiLower(email.Trim());
    }

    /// <summary>True for a plain address (surrounding spaces allowed): no display name, quotes, spaces or control characters.</summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength || !Ascii.IsValid(trimmed) || trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl))
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
        return parsed.User.Length > 0 && lastDot > 0 && lastDot < host.Length - 1 && !host.Contains("..", StringComparison.Ordinal)
            && !host.Contains('_', StringComparison.Ordinal);
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

    /// <summary>
    /// The address as shown to people who may know of it but not read it (co-lenders): the local part's first character
    /// and the domain, <c>j***@example.com</c>. Enough to tell participants apart, not enough to write to them.
    /// </summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(trimmed.AsSpan(0, 1), "***", trimmed.AsSpan(at));
    }

    /// <summary>Lower-cases A–Z only: no culture, no folding of non-ASCII letters into ASCII ones.</summary>
    private static string AsciiLower(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
}
