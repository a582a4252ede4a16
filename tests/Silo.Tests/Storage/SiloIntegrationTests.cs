using Orleans.Hosting;
using Orleans.TestingHost;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using Xunit;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>The provider registered in a real (in-process) Orleans silo, used through [PersistentState].</summary>
[Collection(SiloIntegrationTests.Collection)]
public sealed class SiloIntegrationTests(SiloIntegrationTests.ClusterFixture cluster)
{
    public const string Collection = "dynamo-silo";
    public const string StorageName = "dynamo";
    private const string Table = "grain-state-silo";

    [Fact]
    public async Task PersistentState_WriteDeactivateRead_ReloadsStateFromDynamoDb()
    {
        var grain = cluster.Cluster.GrainFactory.GetGrain<ILedgerTestGrain>("loan-" + Guid.NewGuid().ToString("N"));

        Assert.False((await grain.GetSnapshot()).RecordExists);
        await grain.Deposit(100.10m);
        var balance = await grain.Deposit(0.20m);
        var before = await grain.GetSnapshot();
        await grain.Deactivate();
        var after = await grain.GetSnapshot();

        Assert.Equal(100.30m, balance);
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.True(after.RecordExists);
        Assert.Equal(100.30m, after.Balance);
        Assert.Equal(2, after.Deposits);
        Assert.Equal(before.ETag, after.ETag);
        using var client = cluster.Dynalite.CreateClient();
        var items = await client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Table, ConsistentRead = true });
        Assert.Contains(items.Items, i => i["GrainId"].S.EndsWith(grain.GetPrimaryKeyString(), StringComparison.Ordinal)
                                          && i["State"].S.Contains("\"Balance\":100.30", StringComparison.Ordinal));
    }

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddDynamoDbGrainStorage(StorageName, options =>
            {
                options.TableName = Table;
                options.ServiceUrl = siloBuilder.Configuration["DynamoDb:ServiceUrl"];
                options.AccessKey = "local";
                options.SecretKey = "local";
                options.Region = "us-east-1";
            });
    }

    /// <summary>A dynalite and a one-silo test cluster using it.</summary>
    public sealed class ClusterFixture : IAsyncLifetime
    {
        public DynaliteServer Dynalite { get; private set; } = null!;

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Dynalite = await DynaliteServer.StartAsync();
            var builder = new TestClusterBuilder(1);
            builder.Properties["DynamoDb:ServiceUrl"] = Dynalite.ServiceUrl;
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            Cluster = builder.Build();
            await Cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            if (Cluster is not null)
            {
                await Cluster.StopAllSilosAsync();
                await Cluster.DisposeAsync();
            }

            if (Dynalite is not null)
            {
                await Dynalite.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(SiloIntegrationTests.Collection)]
public sealed class SiloClusterTestGroup : ICollectionFixture<SiloIntegrationTests.ClusterFixture>;
