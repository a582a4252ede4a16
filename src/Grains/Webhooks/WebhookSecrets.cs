using System.Collections.Immutable;
using System.Security.Cryptography;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Signing secrets: <c>whsec_</c> and 32 random bytes in base64 (the Standard Webhooks form). After a rotation the
/// previous secret is still signed with until it expires, so receivers can switch over without losing a message.
/// </summary>
internal static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Makes a new secret current and keeps the old one valid for <paramref name="overlap"/>.</summary>
    public static void Rotate(WebhookState webhook, DateTimeOffset now, TimeSpan overlap)
    {
        webhook.PreviousSecret = webhook.Secret;
        webhook.PreviousSecretExpiresAt = now + overlap;
        webhook.Secret = New();
    }

    /// <summary>The secrets to sign with now: the current one, then the previous one while it is still valid.</summary>
    public static ImmutableArray<string> Signing(WebhookState webhook, DateTimeOffset now) =>
        webhook.PreviousSecret is { } previous && webhook.PreviousSecretExpiresAt > now
            ? [webhook.Secret, previous]
            : [webhook.Secret];
}
