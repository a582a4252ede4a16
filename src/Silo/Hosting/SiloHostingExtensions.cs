using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Live;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Limits;
using PrivateLending.Grains.Mail;
using PrivateLending.Grains.Servicing;
using PrivateLending.Grains.Webhooks;
using PrivateLending.Grains.Users;
using PrivateLending.Hosting;
using PrivateLending.Hosting.Health;
using PrivateLending.Hosting.Telemetry;
using PrivateLending.Silo.Audit;
using PrivateLending.Silo.Clustering;
using PrivateLending.Silo.DataProtection;
using PrivateLending.Silo.Mail;
using PrivateLending.Silo.Reminders;
using PrivateLending.Silo.Storage;
using PrivateLending.Silo.Webhooks;

namespace PrivateLending.Silo.Hosting;

/// <summary>Wires the silo: clustering, DynamoDB grain storage, dashboard; logging, telemetry and health from the shared host defaults.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The configuration section shared by every DynamoDB storage provider.</summary>
    public const string DynamoDbSection = "DynamoDb";

    /// <summary>Orleans' reminder service options (<c>ReminderOptions</c>).</summary>
    public const string RemindersSection = "Reminders";

    public static WebApplicationBuilder AddPrivateLendingSilo(this WebApplicationBuilder builder)
    {
        builder.AddHostDefaults(
            "privatelending-silo", StorageMetrics.MeterName, OutboxMetrics.MeterName, LoanMetrics.MeterName, MailMetrics.MeterName, WebhookMetrics.MeterName);
        ClusterSettings.RefuseMovedSettings(builder.Configuration);
        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClusterSettings>, ClusterSecretValidator>();
        builder.Services.AddOptions<DashboardSettings>().BindConfiguration(DashboardSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FundingDeadlineOptions>().BindConfiguration(FundingDeadlineOptions.Section);
        // Reminders:MinimumReminderPeriod may be lowered (tests); the funding-deadline retry period must not be below it.
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(RemindersSection);
        builder.Services.AddOptions<OutboxReminderOptions>().BindConfiguration(OutboxReminderOptions.Section);
        builder.Services.AddOptions<ServicingOptions>().BindConfiguration(ServicingOptions.Section);
        builder.Services.AddOptions<InvitationLimitsOptions>().BindConfiguration(InvitationLimitsOptions.Section)
            .Validate(o => o.DailyPerSender > 0 && o.DailyMailsPerRecipient > 0,
                $"{InvitationLimitsOptions.Section}:DailyPerSender and {InvitationLimitsOptions.Section}:DailyMailsPerRecipient must be positive.")
            .ValidateOnStart();
        // Grains read every date and time from it (servicing's "today" included), so a test host can move it.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        builder.Services.AddPrivateLendingMail();
        builder.Services.AddPrivateLendingWebhooks();
        builder.Services.AddPrivateLendingAudit();

        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new();
        var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new();
        builder.WebHost.UseUrls($"http://{dashboard.Host}:{dashboard.Port}");

        builder.UseOrleans(silo =>
        {
            silo.AddPrivateLendingClustering(cluster)
                .AddPrivateLendingStorage()
                .AddPrivateLendingLiveStreams();
            if (dashboard.Enabled)
            {
                silo.AddDashboard(options => options.CounterUpdateIntervalMs = dashboard.CounterUpdateIntervalMs);
            }

            silo.UsePrivateLendingKubernetesHosting(builder.Configuration);

            // Clients (the API) must hold the cluster's secret; grains and the runtime are not asked.
            silo.AddClusterClientGuard();

            // Trace context flows through grain calls (spans are recorded only when an OTLP endpoint is configured).
            silo.AddActivityPropagation();
        });

        // After Orleans: Data Protection's hosted warm-up then starts once the silo is active.
        builder.Services.AddSiloDataProtection(builder.Configuration);
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

    /// <summary>DynamoDB membership (or localhost clustering when configured) and the DynamoDB reminder table.</summary>
    public static ISiloBuilder AddPrivateLendingClustering(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Mode == ClusteringMode.Localhost)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        else
        {
            var advertised = cluster.AdvertisedIPAddress is { Length: > 0 } address ? IPAddress.Parse(address) : IPAddress.Loopback;
            silo.UseDynamoDbClustering(options => options.BindConfiguration(DynamoDbSection))
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
                .ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort);
        }

        return silo.UseDynamoDbReminderService(options => options.BindConfiguration(DynamoDbSection));
    }

    public static WebApplication MapPrivateLendingSilo(this WebApplication app)
    {
        app.UseMiddleware<DashboardBasicAuthentication>();
        app.MapMetricsEndpoint();
        app.MapHealthProbes();
        if (app.Services.GetRequiredService<IOptions<DashboardSettings>>().Value.Enabled)
        {
            app.MapOrleansDashboard();
        }

        return app;
    }
}
