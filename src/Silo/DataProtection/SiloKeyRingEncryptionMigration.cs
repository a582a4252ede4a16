using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Silo.DataProtection;

/// <summary>
/// At start, once key encryption is configured, encrypts the silos' keys that were stored in clear (a silo run with
/// <c>DataProtection:AllowUnencryptedKeys</c> before). Registered after Orleans, so it starts once the silo is active.
/// A failure is logged and the next start tries again; until then those keys stay readable in clear.
/// </summary>
internal sealed partial class SiloKeyRingEncryptionMigration(
    IGrainFactory grains,
    IOptions<DataProtectionSettings> settings,
    IOptions<KeyManagementOptions> keyManagement,
    ILogger<SiloKeyRingEncryptionMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keyManagement.Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }

        try
        {
            var encrypted = await KeyRingEncryption.EncryptClearKeysAsync(grains.GetGrain<IKeyRingGrain>(settings.Value.SiloKeyRing), encryptor);
            if (encrypted > 0)
            {
                LogEncrypted(encrypted);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} of the silos' data-protection key(s) that were stored in clear.")]
    private partial void LogEncrypted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not encrypt the silos' data-protection keys stored in clear; the next start tries again.")]
    private partial void LogFailed(Exception exception);
}
