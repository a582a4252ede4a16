using Microsoft.Extensions.Options;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Silo.Mail;

/// <summary>Wires outbox mail: the <c>Mail</c> settings (validated at start-up) and the SMTP sender the grains use.</summary>
public static class MailHostingExtensions
{
    public static IServiceCollection AddPrivateLendingMail(this IServiceCollection services)
    {
        services.AddOptions<MailSettings>().BindConfiguration(MailSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailSettings>, MailSettingsValidator>();
        services.AddOptions<MailLinkOptions>().Configure<IOptions<MailSettings>>(
            (links, mail) => links.PublicBaseUrl = mail.Value.PublicBaseUrl);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        return services;
    }
}
