using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>
/// The silos keep Data Protection keys of their own (they protect webhook signing secrets) in their own key ring, so
/// they need key encryption at rest outside Development, as the API does, and encrypt keys stored in clear before.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed partial class SiloDataProtectionTests(DynaliteFixture dynamoDb) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("silo-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SiloProcess_ProductionWithoutKeyEncryption_ExitsNamingTheSettings()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            "http://127.0.0.1:9", "keys-unused", "silo-keys", TimeSpan.FromSeconds(60),
            settings: new Dictionary<string, string> { ["DataProtection__AllowUnencryptedKeys"] = "false" }));

        Assert.Contains("DataProtection:CertificatePath or DataProtection:KmsKeyId is required outside Development",
            refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearSiloKeys_SiloRestartedWithCertificate_KeysStoredEncryptedWithTheSameMaterial()
    {
        var table = DynaliteFixture.UniqueTableName("silo-keys");
        var serviceId = $"silo-keys-{Guid.NewGuid():N}"[..20];
        string clear;
        int siloPort;
        await using (var silo = await SiloProcess.StartAsync(dynamoDb.ServiceUrl, table, serviceId, StartTimeout))
        {
            siloPort = silo.SiloPort;
            // Data Protection creates the silos' first key once the silo is active.
            clear = await EventuallyAsync(table, ring => ring.Contains("<masterKey", StringComparison.Ordinal));
        }

        var material = Assert.Single(MasterKeyValue().Matches(clear)).Groups[1].Value;
        // On the same address, so the new silo supersedes the old one in the membership at once.
        await using var encrypted = await SiloProcess.StartAsync(
            dynamoDb.ServiceUrl, table, serviceId, StartTimeout, siloPort, TestCertificates.SiloSettings(_folder));

        string ring;
        try
        {
            ring = await EventuallyAsync(table, text => !text.Contains("<masterKey", StringComparison.Ordinal));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\nSILO OUTPUT:\n" + encrypted.Output, ex);
        }
        Assert.Contains("encryptedSecret", ring, StringComparison.Ordinal);
        Assert.DoesNotContain(material, ring, StringComparison.Ordinal);
        Assert.Equal(KeyIds(clear), KeyIds(ring));
    }

    /// <summary>The silos' key-ring item as text, once <paramref name="done"/> holds for it (waits up to 20 s).</summary>
    private async Task<string> EventuallyAsync(string table, Func<string, bool> done)
    {
        using var client = dynamoDb.CreateClient();
        var last = "";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                var items = await StoredStates.ScanAsync(client, table);
                last = string.Join("\n", items
                    .Where(item => item.TryGetValue("GrainId", out var id) && id.S.EndsWith("/silo", StringComparison.Ordinal))
                    .Select(StoredStates.Text));
                if (last.Contains("<key id=", StringComparison.Ordinal) && done(last))
                {
                    return last;
                }
            }
            catch (ResourceNotFoundException)
            {
                // The table is created by the silo's first write.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silos' key ring never reached the expected state: {last}");
    }

    private static string[] KeyIds(string ring) => [.. KeyId().Matches(ring).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"<masterKey[^>]*>.*?<value>([^<]+)</value>", RegexOptions.Singleline)]
    private static partial Regex MasterKeyValue();

    [GeneratedRegex(@"<key id=\\?""([0-9a-f-]+)\\?""")]
    private static partial Regex KeyId();
}
