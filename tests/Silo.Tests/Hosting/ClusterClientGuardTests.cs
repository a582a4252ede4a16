using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using PrivateLending.Hosting.Security;
using PrivateLending.Silo.Hosting;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>
/// Silos with <c>Cluster:ClientSecret</c> serve only Orleans clients that send it; calls between grains (across
/// silos too) need nothing. The test cluster's own client holds the secret (it calls the cluster while starting);
/// the others connect over TCP like the API, with or without it.
/// </summary>
public sealed class ClusterClientGuardTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<GuardedSilo>();
        builder.AddClientBuilderConfigurator<ClientWithSecret>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task GrainCall_ClientWithoutTheSecret_Refused()
    {
        using var client = await StartClientAsync(null);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.Services.GetRequiredService<IClusterClient>().GetGrain<IGuardProbeGrain>(1).PingAsync());

        Assert.Contains("client secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainCall_ClientWithAWrongSecret_Refused()
    {
        using var client = await StartClientAsync("another-cluster-client-secret-0123456789");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.Services.GetRequiredService<IClusterClient>().GetGrain<IGuardProbeGrain>(2).PingAsync());

        Assert.Contains("client secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainCall_ClientWithTheSecret_ServedAndGrainsCallEachOtherAcrossSilosWithoutIt()
    {
        using var client = await StartClientAsync(TestSecrets.ClusterClientSecret);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        Assert.False(string.IsNullOrEmpty(await grains.GetGrain<IGuardProbeGrain>(3).PingAsync()));
        // Relays from one grain to others, with an empty request context; targets land on both silos.
        var answeredBy = new HashSet<string>(StringComparer.Ordinal);
        for (var target = 100; target < 120; target++)
        {
            answeredBy.Add(await grains.GetGrain<IGuardProbeGrain>(4).RelayAsync(target));
        }

        Assert.Equal(2, answeredBy.Count);
    }

    private async Task<IHost> StartClientAsync(string? secret)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(_cluster.Primary!.GatewayAddress!.Endpoint!);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = _cluster.Options.ClusterId;
                options.ServiceId = _cluster.Options.ServiceId;
            });
            if (secret is not null)
            {
                client.Services.AddSingleton<IOutgoingGrainCallFilter>(new ClusterSecretCallFilter(secret));
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class ClientWithSecret : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSingleton<IOutgoingGrainCallFilter>(new ClusterSecretCallFilter(TestSecrets.ClusterClientSecret));
    }

    private sealed class GuardedSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.Configure<ClusterSettings>(settings => settings.ClientSecret = TestSecrets.ClusterClientSecret);
            siloBuilder.AddClusterClientGuard();
        }
    }
}
