using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Silo.DataProtection;

/// <summary>Data Protection in the silo: webhook signing secrets are stored protected and opened only to sign.</summary>
public static class SiloDataProtectionExtensions
{
    /// <summary>
    /// The silos' key ring (<see cref="DataProtectionSettings.SiloKeyRing"/>) encrypted at rest like the API's, with
    /// the same <c>DataProtection:*</c> settings, and the start-up encryption of the silos' keys stored in clear.
    /// Register after Orleans, so Data Protection's start-up warm-up and that encryption run once the silo is active.
    /// </summary>
    public static IServiceCollection AddSiloDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloReadiness>());
        services.AddKeyRingDataProtection<SiloReadiness>(configuration, settings => settings.SiloKeyRing);
        return services;
    }
}
