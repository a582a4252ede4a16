using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>
/// The silos keep Data Protection keys of their own (they protect webhook signing secrets), so they need key
/// encryption at rest outside Development, as the API does.
/// </summary>
public sealed class SiloDataProtectionTests
{
    [Fact]
    public async Task SiloProcess_ProductionWithoutKeyEncryption_ExitsNamingTheSettings()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            "http://127.0.0.1:9", "keys-unused", "silo-keys", TimeSpan.FromSeconds(60),
            settings: new Dictionary<string, string> { ["DataProtection__AllowUnencryptedKeys"] = "false" }));

        Assert.Contains("DataProtection:CertificatePath or DataProtection:KmsKeyId is required outside Development",
            refused.Message, StringComparison.Ordinal);
    }
}
