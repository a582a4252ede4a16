using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Api.Infrastructure.DataProtection;

/// <summary>
/// At start, once key encryption is configured, encrypts the keys that were stored in clear (by versions without
/// key encryption) and writes them back. The key material does not change, so everything protected before stays
/// readable. A failure is logged and the next start tries again; until then those keys stay readable in clear.
/// </summary>
internal sealed partial class KeyRingEncryptionMigration(
    IClusterClient cluster,
    ClusterClientReadiness readiness,
    IOptions<DataProtectionSettings> settings,
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
            await readiness.Connected.WaitAsync(cancellationToken);
            var encrypted = await KeyRingEncryption.EncryptClearKeysAsync(cluster.GetGrain<IKeyRingGrain>(settings.Value.ApplicationName), encryptor);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} data-protection key(s) that were stored in clear.")]
    private partial void LogEncrypted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not encrypt the data-protection keys stored in clear; the next start tries again.")]
    private partial void LogFailed(Exception exception);
}
