using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivateLending.Grains.Abstractions.Health;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;
using Xunit;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>The real silo executable against local DynamoDB: what it acknowledged survives a crash.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class SiloRestartTests(DynaliteFixture dynamoDb)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

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

    private static async Task<IHost> StartClientAsync(int gatewayPort, string serviceId)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, serviceId))
            .Build();
        await host.StartAsync();
        return host;
    }
}
