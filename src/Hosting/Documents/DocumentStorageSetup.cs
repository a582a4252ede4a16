using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Hosting.Health;

namespace PrivateLending.Hosting.Documents;

/// <summary>Registers the documents bucket (<see cref="IDocumentObjects"/>) and its readiness check, when a bucket is configured.</summary>
public static class DocumentStorageSetup
{
    public static IServiceCollection AddDocumentStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Bound from the configuration given (not the host's), so a host may hand its silo settings of its own.
        services.AddOptions<DocumentStorageSettings>().Bind(configuration.GetSection(DocumentStorageSettings.Section))
            .Validate(s => s.MaxBytes > 0 && s.UploadsPerMinute > 0, "Documents:MaxBytes and Documents:UploadsPerMinute must be positive.");
        var settings = configuration.GetSection(DocumentStorageSettings.Section).Get<DocumentStorageSettings>() ?? new();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton<IAmazonS3>(sp => CreateClient(sp.GetRequiredService<IOptions<DocumentStorageSettings>>().Value));
        services.AddSingleton<S3DocumentObjects>();
        services.AddSingleton<IDocumentObjects>(sp => sp.GetRequiredService<S3DocumentObjects>());
        services.AddHealthChecks().AddCheck<DocumentStorageHealthCheck>(
            "document-storage", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, [HealthDefaults.ReadyTag],
            HealthDefaults.ReadyTimeout);
        return services;
    }

    /// <summary>
    /// AWS: the standard chain, virtual-hosted addressing. A custom endpoint (the local server): path-style, signed for
    /// the configured region, and checksums only where S3 requires them (local servers do not read trailing checksums).
    /// </summary>
    internal static AmazonS3Client CreateClient(DocumentStorageSettings settings)
    {
        var config = new AmazonS3Config { Timeout = settings.RequestTimeout, MaxErrorRetry = 2 };
        if (!string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.ServiceURL = settings.ServiceUrl;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else if (!string.IsNullOrWhiteSpace(settings.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return settings.AccessKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
