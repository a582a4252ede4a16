using Microsoft.Extensions.Options;
using PrivateLending.Hosting.DataProtection;

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
        services.AddValidated<RequestLoggingSettings, RequestLoggingSettingsValidator>(configuration, RequestLoggingSettings.Section);
        return services;
    }

    /// <summary>
    /// Reads every settings section now, so a start-up with several bad settings names all of them at once
    /// (otherwise the first component to read its options stops the host and hides the rest).
    /// </summary>
    public static void ValidateSettingsNow(this IServiceProvider services)
    {
        var failures = new List<Exception>();
        Read<OrleansClientSettings>(services, failures);
        Read<JwtSettings>(services, failures);
        Read<CorsSettings>(services, failures);
        Read<RateLimitingSettings>(services, failures);
        Read<DataProtectionSettings>(services, failures);
        Read<RequestLoggingSettings>(services, failures);
        Read<PrivateLending.Hosting.Security.EmailKeySettings>(services, failures);
        Read<PrivateLending.Hosting.Security.PlaceholderSecretsCheck>(services, failures);
        if (failures.Count > 0)
        {
            throw new AggregateException("Invalid settings.", failures);
        }
    }

    private static void Read<TSettings>(IServiceProvider services, List<Exception> failures)
        where TSettings : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TSettings>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            failures.Add(ex);
        }
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
