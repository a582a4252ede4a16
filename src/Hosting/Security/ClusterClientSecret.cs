using System.Security.Cryptography;
using System.Text;

namespace PrivateLending.Hosting.Security;

/// <summary>
/// The cluster's shared client secret (<c>Cluster:ClientSecret</c>, the same on every silo and API instance): the
/// API's Orleans client sends it in the request context of every grain call, and silos refuse calls that come from a
/// client without it. A second line behind the network policy: a process that reaches the gateway still cannot
/// call grains unless it also holds the secret.
/// </summary>
public static class ClusterClientSecret
{
    /// <summary>The setting, as a configuration key.</summary>
    public const string Setting = "Cluster:ClientSecret";

    /// <summary>The request-context key the secret travels under.</summary>
    public const string RequestContextKey = "pl.cluster";

    /// <summary>At least this many characters: a secret to compare, not a password to remember.</summary>
    public const int MinLength = 32;

    /// <summary>Null when <paramref name="secret"/> is acceptable; otherwise what is wrong with it.</summary>
    public static string? Problem(string? secret, bool required)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return required
                ? $"{Setting} is required outside Development: a random value of at least {MinLength} characters "
                  + "(e.g. from `openssl rand -base64 32`), the same for every silo and API instance."
                : null;
        }

        return secret.Length < MinLength ? $"{Setting} must have at least {MinLength} characters." : null;
    }

    /// <summary>True when <paramref name="sent"/> is <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(string expected, object? sent) =>
        sent is string text
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
