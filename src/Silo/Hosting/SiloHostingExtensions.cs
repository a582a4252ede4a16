using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Live;
using PrivateLending.Silo.Storage;
using Serilog;

namespace PrivateLending.Silo.Hosting;

/// <summary>Wires the silo: clustering, DynamoDB grain storage, streams, dashboard, metrics and logging.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The configuration section shared by every DynamoDB storage provider.</summary>
    public const string DynamoDbSection = "DynamoDb";

    public static WebApplicationBuilder AddPrivateLendingSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DashboardSettings>().BindConfiguration(DashboardSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new();
        var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new();
        builder.WebHost.UseUrls($"http://{dashboard.Host}:{dashboard.Port}");

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId)
                .AddPrivateLendingStorage()
                .AddPrivateLendingLiveStreams();
            if (dashboard.Enabled)
            {
                silo.AddDashboard(options => options.CounterUpdateIntervalMs = dashboard.CounterUpdateIntervalMs);
            }
        });

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StorageMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Registers DynamoDB grain storage for every provider name the grains use, all bound to one section.</summary>
    public static ISiloBuilder AddPrivateLendingStorage(this ISiloBuilder silo)
    {
        foreach (var name in new[] { StorageNames.Loans, StorageNames.Users })
        {
            silo.AddDynamoDbGrainStorage(name, options => options.BindConfiguration(DynamoDbSection));
        }

        // Stream pub-sub state is Orleans' own type: stored with Orleans' serializer (JSON cannot round-trip it).
        silo.AddDynamoDbGrainStorage(StorageNames.PubSub, options => options.BindConfiguration(DynamoDbSection).StoreOrleansStatesBinary());

        return silo.AddDynamoDbGrainStorageAsDefault(options => options.BindConfiguration(DynamoDbSection));
    }

    public static WebApplication MapPrivateLendingSilo(this WebApplication app)
    {
        app.UseMiddleware<DashboardBasicAuthentication>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<IOptions<DashboardSettings>>().Value.Enabled)
        {
            app.MapOrleansDashboard();
        }

        return app;
    }
}
