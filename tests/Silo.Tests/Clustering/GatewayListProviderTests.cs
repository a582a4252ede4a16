using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;
using Xunit;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>The API's gateway list: Active silos with a gateway, read from the membership item, changes seen on the next read.</summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class GatewayListProviderTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task GetGateways_MixedSilos_ReturnsActiveSilosWithProxyPortOnly()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var active = Entry(SiloStatus.Active, proxyPort: 31001);
        var activeNoGateway = Entry(SiloStatus.Active, proxyPort: 0);
        var joining = Entry(SiloStatus.Joining, proxyPort: 31002);
        var dead = Entry(SiloStatus.Dead, proxyPort: 31003);
        var shuttingDown = Entry(SiloStatus.ShuttingDown, proxyPort: 31004);
        foreach (var entry in new[] { active, activeNoGateway, joining, dead, shuttingDown })
        {
            await InsertAsync(table, entry);
        }

        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(10));
        await provider.InitializeGatewayListProviderAsync();
        var gateways = await provider.GetGatewaysAsync();

        var expected = SiloAddress.New(active.SiloAddress.Endpoint.Address, 31001, active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
        Assert.Equal(TimeSpan.FromSeconds(10), provider.MaxStaleness);
    }

    [Fact]
    public async Task GetGateways_SiloJoinsThenDies_NextReadShowsEachChange()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(1));
        Assert.Empty(await provider.GetGatewaysAsync());

        var first = Entry(SiloStatus.Active, proxyPort: 32001);
        await InsertAsync(table, first);
        var second = Entry(SiloStatus.Active, proxyPort: 32002);
        var secondETag = await InsertAsync(table, second);
        Assert.Equal([32001, 32002], (await provider.GetGatewaysAsync()).Select(uri => uri.Port).Order());

        second.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(second, secondETag, (await table.ReadAllAsync()).Version.Next()));
        Assert.Equal(32001, Assert.Single(await provider.GetGatewaysAsync()).Port);
    }

    [Fact]
    public async Task GetGateways_OtherCluster_SeesNothing()
    {
        using var table = await StartAsync(dynalite);
        await InsertAsync(table, Entry(SiloStatus.Active));
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), NewClusterId(), TimeSpan.FromSeconds(1));

        Assert.Empty(await provider.GetGatewaysAsync());
    }

    [Fact]
    public async Task GetGateways_DynamoDbFailsAfterARead_KeepsTheLastList()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        await InsertAsync(table, Entry(SiloStatus.Active, proxyPort: 33001));
        var client = dynalite.CreateClient();
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(1), client);
        var first = await provider.GetGatewaysAsync();

        client.Dispose(); // every later request fails
        var second = await provider.GetGatewaysAsync();

        Assert.Equal(33001, Assert.Single(first).Port);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetGateways_ReadTimesOutAfterARead_KeepsTheLastList()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        await InsertAsync(table, Entry(SiloStatus.Active, proxyPort: 33002));
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(1), client);
        var first = await provider.GetGatewaysAsync();

        // The SDK reports its HTTP time-out as a cancellation the caller did not ask for.
        faults.FailBefore = _ => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
        var second = await provider.GetGatewaysAsync();

        Assert.Equal(33002, Assert.Single(first).Port);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetGateways_CallerCancels_Throws()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        await InsertAsync(table, Entry(SiloStatus.Active, proxyPort: 33003));
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(1));
        await provider.GetGatewaysAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetGatewaysAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task GetGateways_DynamoDbUnreachableFromTheStart_Throws()
    {
        var options = Options(dynalite);
        options.ServiceUrl = "http://127.0.0.1:1";
        options.RequestTimeout = TimeSpan.FromSeconds(1);
        using var provider = new DynamoDbGatewayListProvider(options, NewClusterId(), TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetGatewaysAsync());
    }
}
