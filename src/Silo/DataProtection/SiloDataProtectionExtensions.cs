using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Silo.DataProtection;

/// <summary>Data Protection in the silo: webhook signing secrets are stored protected and opened only to sign.</summary>
public static class SiloDataProtectionExtensions
{
    /// <summary>
    /// The silos' key ring (<see cref="DataProtectionSettings.SiloKeyRing"/>) encrypted at rest like the API's, with
    /// the same <c>DataProtection:*</c> settings. Register after Orleans, so Data Protection's start-up warm-up runs
    /// once the silo is active.
    /// </summary>
    public static IServiceCollection AddSiloDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloReadiness>());
        services.AddKeyRingDataProtection<SiloKeyRingXmlRepository>(configuration, settings => settings.SiloKeyRing);
        services.AddHostedService<SiloKeyRingEncryptionMigration>();
        return services;
    }
}
