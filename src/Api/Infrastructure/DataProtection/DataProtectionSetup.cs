using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Api.Infrastructure.DataProtection;

internal static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection with the API's keys in the cluster (the key-ring grain named by the application name), encrypted
    /// at rest as <c>DataProtection:*</c> says (see docs/security.md), and the start-up encryption of keys stored in
    /// clear. Register after the cluster client's readiness: the encryption at start waits for it.
    /// </summary>
    public static IServiceCollection AddApiDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClusterClientKeyRingReadiness>();
        services.AddKeyRingDataProtection<ClusterClientKeyRingReadiness>(configuration, settings => settings.ApplicationName);
        return services;
    }
}
