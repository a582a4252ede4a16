using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.DataProtection;

internal static class DataProtectionSetup
{
    /// <summary>Data Protection with keys in the cluster (see <see cref="KeyRingXmlRepository"/>).</summary>
    public static IServiceCollection AddApiDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddSingleton<KeyRingXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyRingXmlRepository>((options, repository) => options.XmlRepository = repository);
        // The application name isolates this app's payloads; every instance must use the same one.
        services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<DataProtectionSettings>>((options, settings) =>
                options.ApplicationDiscriminator = settings.Value.ApplicationName);
        return services;
    }
}
