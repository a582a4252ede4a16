using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivateLending.TestSupport;

/// <summary>Key-encryption certificates for hosts started by tests (Data Protection keys encrypted at rest).</summary>
public static class TestCertificates
{
    public const string Password = "pfx-password";

    /// <summary>A new self-signed RSA certificate with its key, as a PKCS#12 file in <paramref name="folder"/> (password <see cref="Password"/>).</summary>
    public static string WritePfx(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PrivateLending key encryption (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    /// <summary>The silo process settings that encrypt its keys with a new certificate in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string> SiloSettings(string folder) => new()
    {
        ["DataProtection__AllowUnencryptedKeys"] = "false",
        ["DataProtection__CertificatePath"] = WritePfx(folder),
        ["DataProtection__CertificatePassword"] = Password,
    };
}
