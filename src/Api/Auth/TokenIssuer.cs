using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>
/// Issues what login and refresh answer: an HS256 access token (claims sub, email, name, roles and sid, the session
/// it belongs to, checked on every request) and the session's refresh token.
/// </summary>
internal sealed class TokenIssuer(IOptions<JwtSettings> settings, SigningKeyProvider keys, TimeProvider clock, EmailKeys emailKeys)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenResponse Issue(SessionTokens session)
    {
        var user = session.Profile;
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(settings.Value.AccessTokenMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Value.Issuer,
            Audience = settings.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ApiClaims.Subject] = user.UserId.ToString(),
                [ApiClaims.Email] = user.Email,
                [ApiClaims.Name] = user.Name,
                [ApiClaims.EmailVerified] = user.EmailVerified,
                [ApiClaims.Roles] = user.Roles.IsDefault ? Array.Empty<string>() : user.Roles.ToArray(),
                [ApiClaims.SessionId] = session.SessionId.ToString("N"),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return new TokenResponse(_handler.CreateToken(descriptor), "Bearer", (int)lifetime.TotalSeconds,
            RefreshTokens.Format(emailKeys.For(user.Email), session));
    }
}
