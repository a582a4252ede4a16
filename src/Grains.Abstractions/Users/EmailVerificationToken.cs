using System.Buffers.Text;
using System.Text;

namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>
/// The token in a verification link: the account's grain key and a random secret, both base64url. The email grain
/// keeps only a hash of the secret and its expiry, so the token is single purpose, cannot be forged and stops
/// working when a newer one is sent or after 24 hours.
/// </summary>
public static class EmailVerificationToken
{
    /// <summary>How long a token is accepted after it was sent.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The longest token accepted from a client (anything longer is not one of ours).</summary>
    public const int MaxLength = 512;

    /// <summary>Joins the grain key and the secret into the token.</summary>
    public static string Format(string grainKey, string secret)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        return $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(grainKey))}.{secret}";
    }

    /// <summary>Splits a token from a client; false when it is not well formed.</summary>
    public static bool TryParse(string? token, out string grainKey, out string secret)
    {
        grainKey = secret = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1 || !Base64Url.IsValid(token.AsSpan(0, dot)))
        {
            return false;
        }

        try
        {
            grainKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        }
        catch (FormatException)
        {
            return false;
        }

        secret = token[(dot + 1)..];
        return grainKey.Length > 0;
    }
}
