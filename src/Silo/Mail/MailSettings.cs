using Microsoft.Extensions.Options;

namespace PrivateLending.Silo.Mail;

/// <summary>The <c>Mail</c> settings: the SMTP server mail is handed to, and where links in mail point.</summary>
public sealed class MailSettings
{
    public const string Section = "Mail";

    /// <summary>Off: queued mail is dropped (logged by Message-ID only). On: sent over SMTP.</summary>
    public bool Enabled { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>The sender address, e.g. "PrivateLending &lt;no-reply@example.com&gt;".</summary>
    public string From { get; set; } = "";

    /// <summary>TLS: implicit on port 465, STARTTLS (required) on any other port.</summary>
    public bool UseTls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Public base URL of the API and web app; links in mail start with it.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5000/");
}

/// <summary>Checks the mail settings at start-up, so a typo fails the silo rather than every mail.</summary>
internal sealed class MailSettingsValidator : IValidateOptions<MailSettings>
{
    public ValidateOptionsResult Validate(string? name, MailSettings options)
    {
        var errors = new List<string>();
        if (!options.PublicBaseUrl.IsAbsoluteUri || options.PublicBaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("Mail:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                errors.Add("Mail:Host is required when Mail:Enabled is true.");
            }

            if (options.Port is < 1 or > 65535)
            {
                errors.Add("Mail:Port must be 1-65535.");
            }

            if (!MimeKit.MailboxAddress.TryParse(options.From, out _))
            {
                errors.Add("Mail:From must be a mail address.");
            }

            if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
            {
                errors.Add("Mail:Username and Mail:Password are given together or not at all.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
