using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Api.Infrastructure.DataProtection;

internal static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection with the API's keys in the cluster (see <see cref="KeyRingXmlRepository"/>), encrypted at rest
    /// as <c>DataProtection:*</c> says (see docs/security.md), and the start-up encryption of keys stored in clear.
    /// </summary>
    public static IServiceCollection AddApiDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKeyRingDataProtection<KeyRingXmlRepository>(configuration, settings => settings.ApplicationName);

        // After the client's readiness and Data Protection's own start-up (hosted services start in order).
        services.AddHostedService<KeyRingEncryptionMigration>();
        return services;
    }
}
