using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivateLending.Grains.Abstractions.Health;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Hosting.Security;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>The real silo executable against local DynamoDB: what it acknowledged survives a crash.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class SiloRestartTests(DynaliteFixture dynamoDb)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AcknowledgedWrites_SiloKilledAndRestarted_AreReadBack()
    {
        var table = DynaliteFixture.UniqueTableName("restart");
        var serviceId = $"restart-{Guid.NewGuid():N}"[..20];
        var grainKey = $"ring-{Guid.NewGuid():N}";
        var written = Enumerable.Range(0, 20).Select(i => new KeyRingEntry($"key-{i}", $"<key id=\"{i}\">Zoë {i}</key>")).ToList();

        int siloPort;
        await using (var silo = await SiloProcess.StartAsync(dynamoDb.ServiceUrl, table, serviceId, StartTimeout))
        {
            siloPort = silo.SiloPort;
            using var client = await StartClientAsync(silo.GatewayPort, serviceId);
            var ring = client.Services.GetRequiredService<IClusterClient>().GetGrain<IKeyRingGrain>(grainKey);
            foreach (var entry in written)
            {
                await ring.StoreAsync(entry); // acknowledged: the write reached DynamoDB before this returned
            }

            await silo.KillAsync();
            await client.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(dynamoDb.ServiceUrl, table, serviceId, StartTimeout, siloPort);
        using var newClient = await StartClientAsync(restarted.GatewayPort, serviceId);
        var stored = await newClient.Services.GetRequiredService<IClusterClient>().GetGrain<IKeyRingGrain>(grainKey).GetAllAsync();

        Assert.Equal(written, stored);
        await newClient.StopAsync();
    }

    [Fact]
    public async Task HealthCheck_RealSiloWithDynamoDb_AnswersThroughGrainStorage()
    {
        var serviceId = $"health-{Guid.NewGuid():N}"[..20];
        await using var silo = await SiloProcess.StartAsync(
            dynamoDb.ServiceUrl, DynaliteFixture.UniqueTableName("health"), serviceId, StartTimeout);
        using var client = await StartClientAsync(silo.GatewayPort, serviceId);
        var before = DateTimeOffset.UtcNow;

        var answeredAt = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IHealthGrain>("ready").CheckAsync();

        Assert.InRange(answeredAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        await client.StopAsync();
    }

    /// <summary>The shared host defaults on the real silo: probes through the grain round trip, and Orleans' own meters.</summary>
    [Fact]
    public async Task HttpEndpoints_RealSilo_ProbesAnswerAndMetricsIncludeOrleansMeters()
    {
        var serviceId = $"probes-{Guid.NewGuid():N}"[..20];
        await using var silo = await SiloProcess.StartAsync(
            dynamoDb.ServiceUrl, DynaliteFixture.UniqueTableName("probes"), serviceId, StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };

        using var live = await GetWhenListeningAsync(http, "/health/live");
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"status\":\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Orleans' meter (activations, grain calls) and our storage meter, on one scrape.
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Contains("privatelending_storage_", metrics, StringComparison.Ordinal);
    }

    // Kestrel starts listening after the silo (a hosted service) has started, so a little after the gateway.
    private static async Task<HttpResponseMessage> GetWhenListeningAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                return await http.GetAsync(new Uri(path, UriKind.Relative));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<IHost> StartClientAsync(int gatewayPort, string serviceId)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.UseLocalhostClustering(gatewayPort, serviceId, serviceId);
                // The silo process serves only clients holding the cluster's client secret.
                client.Services.AddSingleton<IOutgoingGrainCallFilter>(new ClusterSecretCallFilter(TestSecrets.ClusterClientSecret));
            })
            .Build();
        await host.StartAsync();
        return host;
    }
}
