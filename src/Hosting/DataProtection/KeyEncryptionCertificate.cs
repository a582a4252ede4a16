using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>Loads the certificate that encrypts Data Protection keys at rest (PKCS#12, or PEM certificate + key).</summary>
internal static class KeyEncryptionCertificate
{
    public static X509Certificate2 Load(DataProtectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.CertificatePath ?? throw new InvalidOperationException("DataProtection:CertificatePath is not set.");
        try
        {
            var certificate = string.IsNullOrWhiteSpace(settings.CertificateKeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet)
                : FromPem(path, settings.CertificateKeyPath);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException("the certificate has no RSA private key (needed to decrypt the keys)");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath '{path}' could not be loaded: {ex.Message}", ex);
        }
    }

    private static X509Certificate2 FromPem(string certificatePath, string keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // Through PKCS#12 so the private key is usable on every platform (PEM keys are ephemeral on Windows).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
