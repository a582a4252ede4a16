using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Api.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// Data Protection keys at rest in the real table (silo executable, our DynamoDB storage, a real local DynamoDB):
/// a key ring stored in clear by a version without key encryption is encrypted when the API starts with a
/// certificate, and bank details protected before stay readable after.
/// </summary>
public sealed partial class KeyEncryptionEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _serviceId = $"keys-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"keys-{Guid.NewGuid():N}";
    private readonly string _folder = Directory.CreateTempSubdirectory("keys-").FullName;
    private DynaliteServer _dynamoDb = null!;

    public async Task InitializeAsync() => _dynamoDb = await DynaliteServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _dynamoDb.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ClearKeyRing_ApiStartsWithCertificate_KeysBecomeCiphertextAndAchStaysReadable()
    {
        var ach = new AchDetails("Lee Lender", "011000015", TestApi.SecretAccount, "checking");
        var encrypted = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = WriteCertificate(),
            ["DataProtection:CertificatePassword"] = "pfx-password",
        };
        await using var silo = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout);

        ProtectedAch stored;
        await using (var old = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl))
        {
            // As before key encryption existed: no encryptor, keys go to the table in clear.
            stored = old.Services.GetRequiredService<AchProtector>().Protect(ach);
        }

        var clearKeys = await StoredKeysAsync();
        var material = Assert.Single(clearKeys.SelectMany(MasterKeyValues));

        await using (var migrated = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl, encrypted))
        {
            Assert.Equal(ach, migrated.Services.GetRequiredService<AchProtector>().Unprotect(stored));
        }

        var keysAfter = await StoredKeysAsync();
        Assert.Equal(clearKeys.Count, keysAfter.Count);
        Assert.All(keysAfter, item =>
        {
            Assert.DoesNotContain("<masterKey", item, StringComparison.Ordinal);
            Assert.DoesNotContain(material, item, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", item, StringComparison.Ordinal);
        });

        // A fresh API reads the key only through the certificate now.
        await using var restarted = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl, encrypted);
        Assert.Equal(ach, restarted.Services.GetRequiredService<AchProtector>().Unprotect(stored));
    }

    /// <summary>Every item of the grain-state table that holds the API's Data Protection key XML, as text with the state decompressed (the silos keep their own ring).</summary>
    private async Task<List<string>> StoredKeysAsync()
    {
        using var client = _dynamoDb.CreateClient();
        var items = (await StoredStates.ScanAsync(client, _table))
            .Where(item => !item.TryGetValue("GrainId", out var id) || !id.S.EndsWith("/silo", StringComparison.Ordinal))
            .Select(StoredStates.Text)
            .Where(text => text.Contains("<key id=", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(items);
        return items;
    }

    private static IEnumerable<string> MasterKeyValues(string item) =>
        MasterKeyValue().Matches(item).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"<masterKey[^>]*>.*?<value>([^<]+)</value>", RegexOptions.Singleline)]
    private static partial Regex MasterKeyValue();

    private string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PrivateLending key encryption (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        return path;
    }
}
