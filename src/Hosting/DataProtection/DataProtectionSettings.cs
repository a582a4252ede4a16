namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection (section <c>DataProtection</c>), shared by both hosts: the API protects bank details,
/// the silos webhook signing secrets, each with its own key ring and the same key encryption.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>Isolates this application's keys; also the key of the key-ring grain that stores the API's keys (the silos' ring is <see cref="SiloKeyRing"/>).</summary>
    public string ApplicationName { get; set; } = "privatelending";

    /// <summary>
    /// Certificate whose RSA key encrypts the keys at rest: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with
    /// <see cref="CertificatePassword"/>) or a PEM certificate with its key in <see cref="CertificateKeyPath"/>.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>AWS KMS key (id, ARN or alias) that encrypts the keys at rest instead of a certificate.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>AWS region of <see cref="KmsKeyId"/>; the SDK's default region when not set.</summary>
    public string? KmsRegion { get; set; }

    /// <summary>KMS endpoint override (a KMS-compatible service); the AWS endpoint of the region when not set.</summary>
    public string? KmsServiceUrl { get; set; }

    /// <summary>
    /// Outside Development a host refuses to start without <see cref="CertificatePath"/> or <see cref="KmsKeyId"/>;
    /// true lets it store keys in clear anyway (a deliberate choice, e.g. a throw-away environment).
    /// </summary>
    public bool AllowUnencryptedKeys { get; set; }

    /// <summary>
    /// The silos' own key ring (and application discriminator): their keys never protect the API's data and the
    /// API's never the silos', so neither host has to read keys the other wrote.
    /// </summary>
    public string SiloKeyRing => ApplicationName + "/silo";
}

