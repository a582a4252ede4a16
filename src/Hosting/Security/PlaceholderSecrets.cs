using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PrivateLending.Hosting.Security;

/// <summary>
/// Secrets written in the repository (the example Kubernetes secrets, the laptop compose file's defaults) are public:
/// a host outside Development that was started with one of them refuses to run, naming the setting. A value that
/// says "change me" counts as well, whatever else it says.
/// </summary>
public static class PlaceholderSecrets
{
    /// <summary>The secret settings checked, as configuration keys.</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "Jwt:SigningKey", "Security:EmailKeySecret", "Dashboard:Password", "Cluster:ClientSecret", "DataProtection:CertificatePassword",
    ];

    private static readonly FrozenSet<string> Known = FrozenSet.Create(StringComparer.Ordinal,
        // deploy/k8s/secrets.example.yaml
        "change-me-at-least-12-chars",
        "change-me-to-32-or-more-random-bytes-of-secret",
        "Y2hhbmdlLW1lLXRvLTMyLW9yLW1vcmUtcmFuZG9tLWJ5dGVz",
        // deploy/compose.yaml (laptop defaults)
        "local-dashboard-password",
        "laptop-only-signing-key-not-for-any-shared-use",
        "bGFwdG9wLW9ubHktZW1haWwta2V5LXNlY3JldC0wMTIzNDU2Nzg5",
        "laptop-only-cluster-client-secret-not-for-any-shared-use",
        // The email key's public development fallback, should anyone configure it explicitly.
        Convert.ToBase64String(EmailKeySetup.DevelopmentSecret));

    /// <summary>True when <paramref name="value"/> is a secret published in the repository or a "change me" stand-in.</summary>
    public static bool IsPlaceholder(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        return Known.Contains(trimmed)
            || trimmed.Contains("change-me", StringComparison.OrdinalIgnoreCase)
            || trimmed.Contains("changeme", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The checked settings that hold a placeholder in <paramref name="configuration"/>.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. Settings.Where(setting => IsPlaceholder(configuration[setting]))];
    }

    /// <summary>Validates on start (outside Development) that no checked setting holds a placeholder.</summary>
    internal static IServiceCollection AddPlaceholderSecretsCheck(this IServiceCollection services)
    {
        services.AddOptions<PlaceholderSecretsCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaceholderSecretsCheck>, PlaceholderSecretsValidator>());
        return services;
    }
}

/// <summary>Nothing to configure: the options type the start-up check of <see cref="PlaceholderSecrets"/> hangs on.</summary>
public sealed class PlaceholderSecretsCheck;

internal sealed class PlaceholderSecretsValidator(IConfiguration configuration, IHostEnvironment environment)
    : IValidateOptions<PlaceholderSecretsCheck>
{
    public ValidateOptionsResult Validate(string? name, PlaceholderSecretsCheck options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var found = PlaceholderSecrets.Find(configuration);
        return found.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(found.Select(setting =>
                $"{setting} holds a placeholder published with the deployment examples; set a secret of your own (outside Development)."));
    }
}
