using System.Text;
using Microsoft.Extensions.Options;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Api.Infrastructure.Configuration;

/// <summary>Every failure names the setting as an operator writes it (<c>Section:Key</c>), so start-up errors say what to fix.</summary>
internal static class SettingRules
{
    public static void Required(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required.");
        }
    }

    public static void InRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (got {value}).");
        }
    }

    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}

internal sealed class OrleansClientSettingsValidator(IHostEnvironment environment) : IValidateOptions<OrleansClientSettings>
{
    public ValidateOptionsResult Validate(string? name, OrleansClientSettings options)
    {
        var failures = new List<string>();
        if (ClusterClientSecret.Problem(options.ClientSecret, required: !environment.IsDevelopment()) is { } secret)
        {
            failures.Add(secret);
        }

        SettingRules.Required(failures, "Cluster:ClusterId", options.ClusterId);
        SettingRules.Required(failures, "Cluster:ServiceId", options.ServiceId);
        SettingRules.InRange(failures, "Cluster:GatewayPort", options.GatewayPort, 1, 65535);
        return SettingRules.Result(failures);
    }
}

internal sealed class JwtSettingsValidator(IHostEnvironment environment) : IValidateOptions<JwtSettings>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, JwtSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            // Development gets a generated key (see SigningKeyProvider); anywhere else a missing key would
            // mean tokens that no other instance can verify, so refuse to start.
            if (!environment.IsDevelopment())
            {
                failures.Add($"Jwt:SigningKey is required outside Development (at least {MinimumKeyBytes} bytes).");
            }
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
        {
            failures.Add($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes.");
        }

        SettingRules.Required(failures, "Jwt:Issuer", options.Issuer);
        SettingRules.Required(failures, "Jwt:Audience", options.Audience);
        SettingRules.InRange(failures, "Jwt:AccessTokenMinutes", options.AccessTokenMinutes, 1, 24 * 60);
        return SettingRules.Result(failures);
    }
}

internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                failures.Add($"Cors:AllowedOrigins contains '{origin}', which is not an origin like https://app.example.com.");
            }
        }

        return SettingRules.Result(failures);
    }
}

internal sealed class RateLimitingSettingsValidator : IValidateOptions<RateLimitingSettings>
{
    // Generous on purpose: load tests switch the limits off in effect by raising them to a million.
    private const int MaxPermits = 10_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitingSettings options)
    {
        var failures = new List<string>();
        SettingRules.InRange(failures, "RateLimiting:PermitsPerSecond", options.PermitsPerSecond, 1, MaxPermits);
        SettingRules.InRange(failures, "RateLimiting:Burst", options.Burst, 1, MaxPermits);
        SettingRules.InRange(failures, "RateLimiting:LoginPermitsPerMinute", options.LoginPermitsPerMinute, 1, MaxPermits);
        SettingRules.InRange(failures, "RateLimiting:AuthPermitsPerMinute", options.AuthPermitsPerMinute, 1, MaxPermits);
        return SettingRules.Result(failures);
    }
}

internal sealed class RequestLoggingSettingsValidator : IValidateOptions<RequestLoggingSettings>
{
    public ValidateOptionsResult Validate(string? name, RequestLoggingSettings options)
    {
        var failures = new List<string>();
        SettingRules.InRange(failures, "RequestLogging:SlowRequestMilliseconds", options.SlowRequestMilliseconds, 1, 600_000);
        return SettingRules.Result(failures);
    }
}
