using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Silo.Hosting;
using PrivateLending.TestSupport;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>
/// The metric names the two programs export, read from their <c>/metrics</c>: a silo and the API, each wired by its
/// own hosting extensions (as Program.cs does), against local DynamoDB, after a few real requests.
/// </summary>
public sealed class ExportedMetrics : IAsyncLifetime
{
    private DynaliteServer? _dynamoDb;
    private WebApplication? _silo;
    private WebApplication? _api;

    /// <summary>Every series name on either scrape (histograms as their <c>_bucket</c>, <c>_sum</c>, <c>_count</c> series).</summary>
    public IReadOnlySet<string> Names { get; private set; } = new HashSet<string>();

    public string ApiScrape { get; private set; } = "";

    public string SiloScrape { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        var serviceId = $"metrics-{Guid.NewGuid():N}"[..20];
        var shared = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = serviceId,
            ["Cluster:ServiceId"] = serviceId,
            ["Cluster:Mode"] = "DynamoDb",
            ["DynamoDb:ServiceUrl"] = _dynamoDb.ServiceUrl,
            ["DynamoDb:Region"] = "us-east-1",
            ["DynamoDb:AccessKey"] = "local",
            ["DynamoDb:SecretKey"] = "local",
            ["DynamoDb:TableName"] = $"metrics-{Guid.NewGuid():N}",
            ["Security:EmailKeySecret"] = TestSecrets.EmailKeySecret,
            ["Cluster:ClientSecret"] = TestSecrets.ClusterClientSecret,
            ["DataProtection:AllowUnencryptedKeys"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var gatewayPort = LoopbackPorts.FreePort();
        _silo = await StartAsync("PrivateLending.Silo", shared, new()
        {
            ["Cluster:SiloPort"] = Port(LoopbackPorts.FreePort()),
            ["Cluster:GatewayPort"] = Port(gatewayPort),
            ["Dashboard:Port"] = Port(LoopbackPorts.FreePort()),
        }, builder => builder.AddPrivateLendingSilo(), app => app.MapPrivateLendingSilo());
        // The API serves /metrics on its management address only.
        var management = $"http://127.0.0.1:{LoopbackPorts.FreePort()}";
        _api = await StartAsync("PrivateLending.Api", shared, new()
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Metrics:Url"] = management,
            ["Jwt:SigningKey"] = "metrics-test-signing-key-of-at-least-thirty-two-bytes",
        }, builder => builder.AddPrivateLendingApi(), app => app.UsePrivateLendingApi());

        using var api = new HttpClient { BaseAddress = Address(_api, exclude: management) };
        await ExerciseAsync(api);
        // Counters of rare events (a throttle, a regression, a parked update) export nothing until they happen:
        // add zero to each of ours so the scrape shows the names the exporter gives them.
        ExportOurInstruments();

        using var scrape = new HttpClient { BaseAddress = new Uri(management) };
        ApiScrape = await scrape.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        using var silo = new HttpClient { BaseAddress = Address(_silo) };
        SiloScrape = await silo.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Names = SeriesNames(ApiScrape).Concat(SeriesNames(SiloScrape)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _api, _silo })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        if (_dynamoDb is not null)
        {
            await _dynamoDb.DisposeAsync();
        }
    }

    /// <summary>Series names in Prometheus text: the word before labels or value on each sample line.</summary>
    public static IEnumerable<string> SeriesNames(string scrape) => scrape.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line[..line.IndexOfAny([' ', '{'])]);

    // A request of each kind the dashboard shows: a 2xx, a 4xx problem, a loan created (grain storage writes).
    private static async Task ExerciseAsync(HttpClient api)
    {
        var email = $"metrics-{Guid.NewGuid():N}@example.com";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "correct-horse-battery", name = "Metrics" })).EnsureSuccessStatusCode();
        using var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct-horse-battery" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString();
        using var anonymous = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/loans");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var mine = await api.SendAsync(request);
        mine.EnsureSuccessStatusCode();
    }

    private static void ExportOurInstruments()
    {
        // Instruments are created by their class's static constructor, which a quiet run may never have triggered.
        RuntimeHelpers.RunClassConstructor(typeof(PrivateLending.Silo.Storage.StorageMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(PrivateLending.Grains.Loans.OutboxMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(PrivateLending.Grains.Loans.Changes.LoanMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(PrivateLending.Grains.Mail.MailMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(PrivateLending.Grains.Webhooks.WebhookMetrics).TypeHandle);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (!instrument.Meter.Name.StartsWith("PrivateLending.", StringComparison.Ordinal))
            {
                return;
            }

            switch (instrument)
            {
                case Counter<long> counter:
                    counter.Add(0);
                    break;
                case Histogram<double> histogram:
                    histogram.Record(0);
                    break;
                default:
                    break;
            }
        };
        listener.Start();
    }

    private static async Task<WebApplication> StartAsync(
        string applicationName, Dictionary<string, string?> shared, Dictionary<string, string?> own,
        Action<WebApplicationBuilder> add, Action<WebApplication> use)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = applicationName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(shared.Concat(own));
        add(builder);
        var app = builder.Build();
        use(app);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app, string? exclude = null) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a != exclude));

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
