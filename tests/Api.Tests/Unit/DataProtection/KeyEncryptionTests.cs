using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Logging.Abstractions;
using PrivateLending.Hosting.DataProtection;
using PrivateLending.Api.Infrastructure.DataProtection;

namespace PrivateLending.Api.Tests.Unit.DataProtection;

/// <summary>
/// Data Protection keys encrypted at rest: what the store holds is ciphertext, and only the same certificate or
/// KMS key (and context) opens it. KMS is a local stand-in (<see cref="FakeKms"/>); the real service is not reachable here.
/// </summary>
public sealed class KeyEncryptionTests : IDisposable
{
    private const string Secret = "000123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Kms_NewKey_IsStoredAsKmsCiphertextAndReadsBackInAnotherInstance()
    {
        var (repository, kms) = (new MemoryXmlRepository(), new FakeKms());
        string payload;
        using (var first = Build(repository, KmsEncryption(kms, "privatelending")))
        {
            payload = Protector(first).Protect(Secret);
        }

        using var second = Build(repository, KmsEncryption(kms, "privatelending"));

        Assert.Equal(Secret, Protector(second).Unprotect(payload));
        AssertNoClearSecret(repository);
        Assert.Contains(repository.StoredXml, xml => xml.Contains("kmsEncryptedKey", StringComparison.Ordinal));
        var encrypt = Assert.Single(kms.Encrypts);
        Assert.Equal("alias/keys", encrypt.KeyId);
        Assert.Equal("privatelending", encrypt.EncryptionContext["application"]);
        Assert.All(kms.Decrypts, d => Assert.Equal(encrypt.EncryptionContext, d.EncryptionContext));
    }

    [Fact]
    public void KmsDecryptor_OtherApplicationsContext_IsRefused()
    {
        var kms = new FakeKms();
        var key = XElement.Parse("<masterKey><value>c2VjcmV0</value></masterKey>");
        var encrypted = new KmsXmlEncryptor(new KmsKeyEncryption(kms, "alias/keys", "privatelending")).Encrypt(key);
        using var other = new ServiceCollection().AddSingleton(new KmsKeyEncryption(kms, "alias/keys", "another-app")).BuildServiceProvider();
        using var same = new ServiceCollection().AddSingleton(new KmsKeyEncryption(kms, "alias/keys", "privatelending")).BuildServiceProvider();

        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Throws<InvalidCiphertextException>(() => new PrivateLending.Hosting.DataProtection.KmsXmlDecryptor(other).Decrypt(encrypted.EncryptedElement));
        Assert.Equal(key.ToString(), new PrivateLending.Hosting.DataProtection.KmsXmlDecryptor(same).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void KmsDecryptor_KeyNamingTheApisFormerDecryptorType_StillOpens()
    {
        // Keys encrypted before key encryption moved to the shared hosting library name this type in their XML.
        const string formerDecryptor = "PrivateLending.Api.Infrastructure.DataProtection.KmsXmlDecryptor, PrivateLending.Api";
        var kms = new FakeKms();
        var key = XElement.Parse("<masterKey><value>c2VjcmV0</value></masterKey>");
        var encrypted = new KmsXmlEncryptor(new KmsKeyEncryption(kms, "alias/keys", "privatelending")).Encrypt(key);
        using var services = new ServiceCollection().AddSingleton(new KmsKeyEncryption(kms, "alias/keys", "privatelending")).BuildServiceProvider();

        var type = Type.GetType(formerDecryptor, throwOnError: true)!;
        var decryptor = Assert.IsAssignableFrom<IXmlDecryptor>(Activator.CreateInstance(type, services));

        Assert.Equal(key.ToString(), decryptor.Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void Certificate_NewKey_IsStoredEncryptedAndOnlyThatCertificateOpensIt()
    {
        var repository = new MemoryXmlRepository();
        var settings = new DataProtectionSettings { CertificatePath = WritePfx(NewCertificate(), "pfx-password"), CertificatePassword = "pfx-password" };
        string payload;
        using (var first = Build(repository, (_, builder) => builder.ProtectKeysWithCertificate(KeyEncryptionCertificate.Load(settings))))
        {
            payload = Protector(first).Protect(Secret);
        }

        using var sameCertificate = Build(repository, (_, builder) => builder.ProtectKeysWithCertificate(KeyEncryptionCertificate.Load(settings)));
        using var otherCertificate = Build(repository, (_, builder) => builder.ProtectKeysWithCertificate(NewCertificate()));

        AssertNoClearSecret(repository);
        Assert.Equal(Secret, Protector(sameCertificate).Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => Protector(otherCertificate).Unprotect(payload));
    }

    [Fact]
    public void Load_PemCertificateAndKey_HasThePrivateKey()
    {
        using var certificate = NewCertificate();
        var (certificatePath, keyPath) = (Path.Combine(_folder, "cert.pem"), Path.Combine(_folder, "key.pem"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var loaded = KeyEncryptionCertificate.Load(new DataProtectionSettings { CertificatePath = certificatePath, CertificateKeyPath = keyPath });

        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
        Assert.NotNull(loaded.GetRSAPrivateKey());
    }

    [Fact]
    public void Load_WrongPassword_NamesTheSetting()
    {
        var path = WritePfx(NewCertificate(), "right");

        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyEncryptionCertificate.Load(new DataProtectionSettings { CertificatePath = path, CertificatePassword = "wrong" }));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptSecrets_ClearKeyOfAnOlderVersion_IsEncryptedAndOpensWhatItProtectedBefore()
    {
        var repository = new MemoryXmlRepository();
        using var certificate = NewCertificate();
        string payload;
        using (var clear = Build(repository, configure: null))
        {
            payload = Protector(clear).Protect(Secret);
        }

        var clearXml = Assert.Single(repository.StoredXml);
        Assert.Contains("<masterKey", clearXml, StringComparison.Ordinal);
        var material = XElement.Parse(clearXml).Descendants("masterKey").Single().Element("value")!.Value;
        var encryptor = new CertificateXmlEncryptor(certificate, NullLoggerFactory.Instance);
        repository.ReplaceAll(repository.GetAllElements().Select(key => KeyXmlEncryption.EncryptSecrets(key, encryptor)));

        using var encrypted = Build(repository, (_, builder) => builder.ProtectKeysWithCertificate(certificate));

        AssertNoClearSecret(repository);
        Assert.DoesNotContain(material, Assert.Single(repository.StoredXml), StringComparison.Ordinal);
        Assert.False(KeyXmlEncryption.HasClearSecret(repository.GetAllElements().Single()));
        Assert.Equal(Secret, Protector(encrypted).Unprotect(payload));
    }

    [Theory]
    [InlineData("Production", null, null, false, false)]
    [InlineData("Testing", null, null, false, false)]
    [InlineData("Production", null, null, true, true)]
    [InlineData("Development", null, null, false, true)]
    [InlineData("Production", null, "alias/keys", false, true)]
    [InlineData("Production", "cert.pfx", "alias/keys", false, false)]
    [InlineData("Production", "missing.pfx", null, false, false)]
    public void Validate_KeyEncryptionChoice(string environment, string? certificate, string? kmsKeyId, bool allowClear, bool valid)
    {
        if (certificate == "cert.pfx")
        {
            certificate = WritePfx(NewCertificate(), "");
        }

        var validator = new DataProtectionSettingsValidator(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });

        var result = validator.Validate(null, new DataProtectionSettings { CertificatePath = certificate, KmsKeyId = kmsKeyId, AllowUnencryptedKeys = allowClear });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutKeyEncryption_Refuses()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Infrastructure.ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cluster:Mode"] = "Static",
            ["Jwt:SigningKey"] = Infrastructure.ApiFixture.SigningKey,
            ["DataProtection:AllowUnencryptedKeys"] = "false",
        }));

        Assert.Contains("DataProtection:CertificatePath or DataProtection:KmsKeyId is required", error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertNoClearSecret(MemoryXmlRepository repository)
    {
        Assert.NotEmpty(repository.StoredXml);
        Assert.All(repository.StoredXml, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        });
    }

    private static Action<IServiceCollection, IDataProtectionBuilder> KmsEncryption(FakeKms kms, string application) => (services, _) =>
    {
        var encryption = new KmsKeyEncryption(kms, "alias/keys", application);
        services.AddSingleton(encryption);
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KmsXmlEncryptor(encryption));
    };

    private static ServiceProvider Build(MemoryXmlRepository repository, Action<IServiceCollection, IDataProtectionBuilder>? configure)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddDataProtection().SetApplicationName("privatelending");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        configure?.Invoke(services, builder);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("tests");

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PrivateLending key encryption (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private string WritePfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        certificate.Dispose();
        return path;
    }
}
