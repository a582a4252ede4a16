using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Hosting.Security;

/// <summary>Registers <see cref="EmailKeys"/> from <c>Security:EmailKeySecret</c>, validated when the host starts.</summary>
public static partial class EmailKeySetup
{
    /// <summary>
    /// Development only, when no secret is set: fixed (not random) so a silo and an API started separately still
    /// agree on every key. Anyone can compute it, so it protects nothing.
    /// </summary>
    internal static readonly byte[] DevelopmentSecret = SHA256.HashData("privatelending development email key secret"u8);

    /// <summary>Adds the <see cref="EmailKeys"/> singleton (a host or test that registered its own keeps it).</summary>
    public static IServiceCollection AddEmailKeys(this IServiceCollection services)
    {
        services.AddOptions<EmailKeySettings>().BindConfiguration(EmailKeySettings.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailKeySettings>, EmailKeySettingsValidator>());
        services.TryAddSingleton(provider =>
        {
            var secret = provider.GetRequiredService<IOptions<EmailKeySettings>>().Value.EmailKeySecret;
            if (!string.IsNullOrWhiteSpace(secret))
            {
                return EmailKeys.FromBase64(secret);
            }

            // Only reachable in Development: the validator refuses a missing secret anywhere else.
            LogDevelopmentSecret(provider.GetRequiredService<ILogger<EmailKeys>>());
            return new EmailKeys(DevelopmentSecret);
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Security:EmailKeySecret is not set: using the fixed development secret. Set it for anything but local development.")]
    private static partial void LogDevelopmentSecret(ILogger logger);
}
