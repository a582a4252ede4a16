using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Hosting.Security;

/// <summary>Refuses a missing secret outside Development, and a secret that is not base64 or too short anywhere.</summary>
internal sealed class EmailKeySettingsValidator(IHostEnvironment environment) : IValidateOptions<EmailKeySettings>
{
    private const string Setting = EmailKeySettings.Section + ":" + nameof(EmailKeySettings.EmailKeySecret);

    private static readonly string Requirement =
        $"a base64 secret of at least {EmailKeys.MinSecretBytes} bytes (e.g. from `openssl rand -base64 32`), the same for every silo and API instance";

    public ValidateOptionsResult Validate(string? name, EmailKeySettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.EmailKeySecret))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Setting} is required outside Development: {Requirement}. It keys email addresses in grain ids and storage keys.");
        }

        try
        {
            return Convert.FromBase64String(options.EmailKeySecret.Trim()).Length >= EmailKeys.MinSecretBytes
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Setting} is too short: {Requirement}.");
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail($"{Setting} is not base64: {Requirement}.");
        }
    }
}
