using Amazon;
using Amazon.KeyManagementService;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>Data Protection as both hosts use it: keys in a key-ring grain, encrypted at rest (docs/security.md).</summary>
public static class KeyRingDataProtection
{
    /// <summary>
    /// Data Protection with keys kept by <typeparamref name="TRepository"/> (a key-ring grain) and encrypted at rest
    /// with a certificate or an AWS KMS key from <c>DataProtection:*</c>; <paramref name="discriminator"/> picks the
    /// host's application discriminator, which isolates its payloads.
    /// </summary>
    public static IDataProtectionBuilder AddKeyRingDataProtection<TRepository>(
        this IServiceCollection services, IConfiguration configuration, Func<DataProtectionSettings, string> discriminator)
        where TRepository : class, IXmlRepository
    {
        services.AddOptions<DataProtectionSettings>().Bind(configuration.GetSection(DataProtectionSettings.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataProtectionSettings>, DataProtectionSettingsValidator>());
        var dataProtection = services.AddDataProtection();
        services.AddSingleton<TRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<TRepository>((options, repository) => options.XmlRepository = repository);
        // Every instance of a host must use the same discriminator.
        services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<DataProtectionSettings>>((options, settings) =>
                options.ApplicationDiscriminator = discriminator(settings.Value));

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
