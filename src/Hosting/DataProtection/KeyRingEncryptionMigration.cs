using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Security;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// At start, once key encryption is configured, encrypts the host's keys that were stored in clear (by versions
/// without key encryption, or a silo run with <c>DataProtection:AllowUnencryptedKeys</c>) and writes them back. The
/// key material does not change, so everything protected before stays readable. A failure is logged and the next
/// start tries again; until then those keys stay readable in clear.
/// </summary>
/// <param name="keyRing">The key-ring grain's key.</param>
internal sealed partial class KeyRingEncryptionMigration(
    IGrainFactory grains,
    IKeyRingReadiness readiness,
    string keyRing,
    IOptions<KeyManagementOptions> keyManagement,
    ILogger<KeyRingEncryptionMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keyManagement.Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }

        try
        {
            await readiness.WaitAsync(cancellationToken);
            var encrypted = await KeyRingEncryption.EncryptClearKeysAsync(grains.GetGrain<IKeyRingGrain>(keyRing), encryptor);
            if (encrypted > 0)
            {
                LogEncrypted(encrypted, keyRing);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, keyRing);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} data-protection key(s) of key ring {KeyRing} that were stored in clear.")]
    private partial void LogEncrypted(int count, string keyRing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not encrypt the data-protection keys of key ring {KeyRing} stored in clear; the next start tries again.")]
    private partial void LogFailed(Exception exception, string keyRing);
}
