using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>
/// The key that stands for an email address wherever an identity is visible to operators: the email and lender
/// grains (and the lender's index chunks), the invitee live stream, and so the storage keys, logs and dashboard
/// that name them. It is an HMAC-SHA256 of the normalised address under a secret from configuration, so the same
/// address always gets the same key, nobody without the secret can tell which address a key stands for, and
/// nobody can test guessed addresses against keys (a plain hash could be reversed by hashing a list of addresses).
/// </summary>
/// <remarks>
/// Every silo and API instance of one deployment must share the secret: a different secret gives every address
/// another key, which is an empty account. See docs/security.md.
/// </remarks>
public sealed class EmailKeys
{
    /// <summary>The start of every key; names the scheme, so keys of another scheme can never be mistaken for these.</summary>
    public const string Prefix = "em1_";

    /// <summary>The shortest secret accepted: as long as the hash, so the secret is never the weak part.</summary>
    public const int MinSecretBytes = 32;

    // 32 bytes of HMAC-SHA256 in base64url, without padding.
    private const int HashChars = 43;

    private readonly byte[] _secret;

    /// <summary>Keys under <paramref name="secret"/> (at least <see cref="MinSecretBytes"/> bytes).</summary>
    public EmailKeys(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException($"The email key secret must be at least {MinSecretBytes} bytes.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <summary>Keys under a base64 secret, as configuration holds it; throws <see cref="FormatException"/> when it is not base64.</summary>
    public static EmailKeys FromBase64(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new EmailKeys(Convert.FromBase64String(secret.Trim()));
    }

    /// <summary>The key for <paramref name="email"/>, normalised first (<see cref="EmailAddress.Normalize"/>).</summary>
    public string For(string email)
    {
        var normalized = EmailAddress.Normalize(email);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(normalized), hash);
        return Prefix + Base64Url.EncodeToString(hash);
    }

    /// <summary>True when <paramref name="value"/> has the shape of a key (a cheap check before activating a grain for it).</summary>
    public static bool IsKey(string? value) =>
        value is not null
        && value.Length == Prefix.Length + HashChars
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(value.AsSpan(Prefix.Length));
}
