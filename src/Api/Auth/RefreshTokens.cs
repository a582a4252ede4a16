using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>
/// A refresh token names the account (its email key), the session and a random secret the account keeps only as a
/// hash: <c>base64url(key) "." session "." secret</c>. Opaque to clients.
/// </summary>
internal static class RefreshTokens
{
    public static string Format(string emailKey, SessionTokens session) =>
        EmailVerificationToken.Format(emailKey, $"{session.SessionId:N}.{session.RefreshSecret}");

    public static bool TryParse(string? token, out string emailKey, out Guid sessionId, out string secret)
    {
        sessionId = Guid.Empty;
        secret = "";
        if (!EmailVerificationToken.TryParse(token?.Trim(), out emailKey, out var rest) || !EmailKeys.IsKey(emailKey))
        {
            return false;
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Guid.TryParseExact(rest[..dot], "N", out sessionId))
        {
            return false;
        }

        secret = rest[(dot + 1)..];
        return secret.Length > 0;
    }
}
