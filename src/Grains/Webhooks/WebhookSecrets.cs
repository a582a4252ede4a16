using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Signing secrets: <c>whsec_</c> and 32 random bytes in base64 (the Standard Webhooks form). After a rotation the
/// previous secret is still signed with until it expires, so receivers can switch over without losing a message.
/// Stored only as Data Protection ciphertext (whoever reads the table must not be able to sign as us); opened only
/// to sign, and answered in clear only to the owner on creation and rotation.
/// </summary>
internal static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>The Data Protection purpose of stored secrets; a new format would be a new purpose.</summary>
    public const string Purpose = "webhook-secret.v1";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Sets a fresh secret on a new webhook; answers it in clear (shown once).</summary>
    public static string Create(WebhookState webhook, IDataProtector protector)
    {
        var secret = New();
        webhook.ProtectedSecret = protector.Protect(secret);
        return secret;
    }

    /// <summary>Makes a new secret current and keeps the old one valid for <paramref name="overlap"/>; answers the new one in clear.</summary>
    public static string Rotate(WebhookState webhook, DateTimeOffset now, TimeSpan overlap, IDataProtector protector)
    {
        ProtectAtRest(webhook, protector);
        webhook.ProtectedPreviousSecret = webhook.ProtectedSecret;
        webhook.PreviousSecretExpiresAt = now + overlap;
        return Create(webhook, protector);
    }

    /// <summary>The secrets to sign with now: the current one, then the previous one while it is still valid.</summary>
    public static ImmutableArray<string> Signing(WebhookState webhook, DateTimeOffset now, IDataProtector protector)
    {
        var current = Open(webhook.ProtectedSecret, webhook.Secret, protector);
        return Open(webhook.ProtectedPreviousSecret, webhook.PreviousSecret, protector) is { Length: > 0 } previous
            && webhook.PreviousSecretExpiresAt > now
                ? [current, previous]
                : [current];
    }

    /// <summary>
    /// Protects secrets a version before Data Protection stored in clear and empties the clear fields; answers
    /// whether it changed anything. Run on every write, so such a webhook is protected by its next write.
    /// </summary>
    public static bool ProtectAtRest(WebhookState webhook, IDataProtector protector)
    {
        var changed = false;
        if (webhook.Secret.Length > 0)
        {
            webhook.ProtectedSecret ??= protector.Protect(webhook.Secret);
            webhook.Secret = "";
            changed = true;
        }

        if (webhook.PreviousSecret is { Length: > 0 } previous)
        {
            webhook.ProtectedPreviousSecret ??= protector.Protect(previous);
            webhook.PreviousSecret = null;
            changed = true;
        }

        return changed;
    }

    private static string Open(string? protectedSecret, string? clear, IDataProtector protector) =>
        protectedSecret is { Length: > 0 } ciphertext ? protector.Unprotect(ciphertext) : clear ?? "";
}
