using Amazon;
using Amazon.KeyManagementService;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>Data Protection as both hosts use it: keys in a key-ring grain, encrypted at rest (docs/security.md).</summary>
public static class KeyRingDataProtection
{
    /// <summary>
    /// Data Protection with keys kept in the key-ring grain <paramref name="keyRing"/> picks from the settings, which
    /// is also the host's application discriminator (it isolates the host's payloads), encrypted at rest with a
    /// certificate or an AWS KMS key from <c>DataProtection:*</c>, and the start-up encryption of keys stored in
    /// clear. <typeparamref name="TReadiness"/> (a registered singleton) says when the host can call grains.
    /// Register after what makes grains callable: hosted services start in order.
    /// </summary>
    public static IDataProtectionBuilder AddKeyRingDataProtection<TReadiness>(
        this IServiceCollection services, IConfiguration configuration, Func<DataProtectionSettings, string> keyRing)
        where TReadiness : class, IKeyRingReadiness
    {
        services.AddOptions<DataProtectionSettings>().Bind(configuration.GetSection(DataProtectionSettings.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataProtectionSettings>, DataProtectionSettingsValidator>());
        var dataProtection = services.AddDataProtection();
        services.TryAddSingleton<IKeyRingReadiness>(sp => sp.GetRequiredService<TReadiness>());
        services.AddSingleton(sp => new KeyRingXmlRepository(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IKeyRingReadiness>(),
            keyRing(sp.GetRequiredService<IOptions<DataProtectionSettings>>().Value)));
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyRingXmlRepository>((options, repository) => options.XmlRepository = repository);
        // After Data Protection's own start-up, which loads the ring (hosted services start in order).
        services.AddHostedService(sp => new KeyRingEncryptionMigration(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IKeyRingReadiness>(),
            keyRing(sp.GetRequiredService<IOptions<DataProtectionSettings>>().Value),
            sp.GetRequiredService<IOptions<KeyManagementOptions>>(), sp.GetRequiredService<ILogger<KeyRingEncryptionMigration>>()));
        // Every instance of a host must use the same discriminator.
        services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<DataProtectionSettings>>((options, settings) =>
                options.ApplicationDiscriminator = keyRing(settings.Value));

        // Read here because the certificate must be handed to Data Protection while wiring; the settings
        // validator reports missing files and conflicting choices when the host starts.
        var settings = configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new();
        if (!string.IsNullOrWhiteSpace(settings.KmsKeyId))
        {
            services.TryAddSingleton<IAmazonKeyManagementService>(_ => CreateKmsClient(settings));
            services.AddSingleton(sp => new KmsKeyEncryption(
                sp.GetRequiredService<IAmazonKeyManagementService>(), settings.KmsKeyId, settings.ApplicationName));
            services.AddOptions<KeyManagementOptions>()
                .Configure<KmsKeyEncryption>((options, kms) => options.XmlEncryptor = new KmsXmlEncryptor(kms));
        }
        else if (string.IsNullOrWhiteSpace(settings.CertificatePath) is false && File.Exists(settings.CertificatePath)
            && (string.IsNullOrWhiteSpace(settings.CertificateKeyPath) || File.Exists(settings.CertificateKeyPath)))
        {
            dataProtection.ProtectKeysWithCertificate(KeyEncryptionCertificate.Load(settings));
        }

        return dataProtection;
    }

    private static AmazonKeyManagementServiceClient CreateKmsClient(DataProtectionSettings settings)
    {
        var config = new AmazonKeyManagementServiceConfig();
        if (!string.IsNullOrWhiteSpace(settings.KmsServiceUrl))
        {
            config.ServiceURL = settings.KmsServiceUrl;
            config.AuthenticationRegion = settings.KmsRegion;
        }
        else if (!string.IsNullOrWhiteSpace(settings.KmsRegion))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.KmsRegion);
        }

        // Credentials from the SDK's default chain (instance or pod role, environment).
        return new AmazonKeyManagementServiceClient(config);
    }
}
