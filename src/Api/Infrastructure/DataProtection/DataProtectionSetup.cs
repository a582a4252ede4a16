using Amazon;
using Amazon.KeyManagementService;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.DataProtection;

internal static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection with keys in the cluster (see <see cref="KeyRingXmlRepository"/>), encrypted at rest with a
    /// certificate or an AWS KMS key from <c>DataProtection:*</c> (see docs/security.md).
    /// </summary>
    public static IServiceCollection AddApiDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection();
        services.AddSingleton<KeyRingXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyRingXmlRepository>((options, repository) => options.XmlRepository = repository);
        // The application name isolates this app's payloads; every instance must use the same one.
        services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<DataProtectionSettings>>((options, settings) =>
                options.ApplicationDiscriminator = settings.Value.ApplicationName);

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

        // After the client's readiness and Data Protection's own start-up (hosted services start in order).
        services.AddHostedService<KeyRingEncryptionMigration>();
        return services;
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
