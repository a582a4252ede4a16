using Microsoft.Extensions.Options;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Silo.Webhooks;

/// <summary>Wires webhooks: the <c>Webhooks</c> settings (validated at start-up) and the HTTP sender the grains use.</summary>
public static class WebhookHostingExtensions
{
    public static IServiceCollection AddPrivateLendingWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddHttpClient(HttpWebhookSender.ClientName, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("PrivateLending-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, token) => HttpWebhookSender.ConnectAsync(context, options, token),
                };
            });
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        return services;
    }
}

/// <summary>Checks the webhook settings at start-up, so a typo fails the silo rather than every delivery.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Webhooks:{setting} must be positive.");
            }
        }

        Positive(options.Timeout, nameof(options.Timeout));
        Positive(options.FirstRetryDelay, nameof(options.FirstRetryDelay));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        Positive(options.RetryFor, nameof(options.RetryFor));
        Positive(options.DisableAfter, nameof(options.DisableAfter));
        Positive(options.SecretOverlap, nameof(options.SecretOverlap));
        Positive(options.ReminderPeriod, nameof(options.ReminderPeriod));
        if (options.BackoffFactor < 1)
        {
            errors.Add("Webhooks:BackoffFactor must be at least 1.");
        }

        if (options.KeptDeliveries < 1 || options.MaxPending < 1 || options.KeptAttempts < 1 || options.MaxEndpointsPerUser < 1 || options.BatchSize < 1)
        {
            errors.Add("Webhooks:KeptDeliveries, MaxPending, KeptAttempts, MaxEndpointsPerUser and BatchSize must be at least 1.");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
