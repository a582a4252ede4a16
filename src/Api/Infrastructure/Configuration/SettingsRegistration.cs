using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Infrastructure.Configuration;

internal static class SettingsRegistration
{
    /// <summary>Binds every settings section and validates it when the host starts, before any request is served.</summary>
    public static IServiceCollection AddApiSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidated<OrleansClientSettings, OrleansClientSettingsValidator>(configuration, OrleansClientSettings.Section);
        services.AddValidated<JwtSettings, JwtSettingsValidator>(configuration, JwtSettings.Section);
        services.AddValidated<CorsSettings, CorsSettingsValidator>(configuration, CorsSettings.Section);
        services.AddValidated<RateLimitingSettings, RateLimitingSettingsValidator>(configuration, RateLimitingSettings.Section);
        services.AddValidated<DataProtectionSettings, DataProtectionSettingsValidator>(configuration, DataProtectionSettings.Section);
        return services;
    }

    private static void AddValidated<TSettings, TValidator>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TSettings : class
        where TValidator : class, IValidateOptions<TSettings>
    {
        services.AddSingleton<IValidateOptions<TSettings>, TValidator>();
        services.AddOptions<TSettings>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
