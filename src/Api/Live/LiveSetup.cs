using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PrivateLending.Grains.Abstractions;

namespace PrivateLending.Api.Live;

internal static class LiveSetup
{
    /// <summary>Live streams on the Orleans client, the connection bookkeeping, events tickets and their metrics.</summary>
    public static WebApplicationBuilder AddApiLive(this WebApplicationBuilder builder)
    {
        // Adds to the one client builder the API already configures (Orleans reuses it on a second call).
        builder.UseOrleansClient(client => client.AddMemoryStreams(StorageNames.Streams));
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<LiveSettings>, LiveSettingsValidator>();
        services.AddOptions<LiveSettings>().Bind(builder.Configuration.GetSection(LiveSettings.Section)).ValidateOnStart();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<EventsTickets>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, EventsTicketHandler>(EventsTicketHandler.SchemeName, null);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(LiveFeed.MeterName));
        return builder;
    }
}
