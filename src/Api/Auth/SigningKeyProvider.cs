using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Auth;

/// <summary>
/// The key that signs access tokens, from <c>Jwt:SigningKey</c>. In Development a missing key is replaced by a
/// random one (with a warning): tokens then die with the process and other instances cannot verify them.
/// Outside Development a missing key fails settings validation, so this never runs without one there.
/// </summary>
internal sealed partial class SigningKeyProvider
{
    public SigningKeyProvider(IOptions<JwtSettings> settings, ILogger<SigningKeyProvider> logger)
    {
        byte[] secret;
        if (string.IsNullOrEmpty(settings.Value.SigningKey))
        {
            secret = RandomNumberGenerator.GetBytes(64);
            LogGeneratedKey(logger);
        }
        else
        {
            secret = Encoding.UTF8.GetBytes(settings.Value.SigningKey);
        }

        SigningKey = new SymmetricSecurityKey(secret);
        // A separate key for request fingerprints, so neither use can be turned against the other.
        FingerprintKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "privatelending.idempotency.v1"u8.ToArray());
    }

    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>HMAC key for idempotency request hashes, shared by every instance that shares the signing key.</summary>
    public byte[] FingerprintKey { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Jwt:SigningKey is not set: generated a random development key. Tokens will not survive a restart; set Jwt:SigningKey for anything but local development.")]
    private static partial void LogGeneratedKey(ILogger logger);
}
