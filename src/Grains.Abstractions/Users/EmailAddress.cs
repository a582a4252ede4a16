namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>Emails are identities: trimmed and compared case-insensitively. This is the one normal form.</summary>
public static class EmailAddress
{
    /// <summary>The normal form used as a grain key and for comparisons.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }
}
