using Amazon.DynamoDBv2.Model;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>The provider registered in a real (in-process) Orleans silo, used through [PersistentState].</summary>
[Collection(SiloIntegrationTests.Collection)]
public sealed class SiloIntegrationTests(SiloIntegrationTests.ClusterFixture cluster)
{
    public const string Collection = "dynamo-silo";
    public const string StorageName = "dynamo";
    public const string Table = "grain-state-silo";

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
        var items = await StoredStates.ScanAsync(client, Table);
        Assert.Contains(items, i => i["GrainId"].S.EndsWith(grain.GetPrimaryKeyString(), StringComparison.Ordinal)
                                    && (StoredStates.Json(i) ?? "").Contains("\"Balance\":100.30", StringComparison.Ordinal));
    }

    /// <summary>Every item names the activation that wrote it and numbers that activation's writes.</summary>
    [Fact]
    public async Task WriteState_FromGrain_ItemRecordsWritingActivationAndSequence()
    {
        var grain = cluster.Cluster.GrainFactory.GetGrain<ILedgerTestGrain>("writer-" + Guid.NewGuid().ToString("N"));

        await grain.Deposit(1m);
        await grain.Deposit(2m);
        var first = await grain.GetSnapshot();
        var afterTwo = await StoredItemAsync(grain);
        await grain.Deactivate();
        await grain.Deposit(3m);
        var second = await grain.GetSnapshot();
        var afterThree = await StoredItemAsync(grain);

        Assert.Equal(first.OrleansActivationId, afterTwo["WriterActivation"].S);
        Assert.Equal("2", afterTwo["WriterSeq"].N);
        Assert.False(string.IsNullOrEmpty(afterTwo["WriterSilo"].S));
        Assert.NotEqual(first.OrleansActivationId, second.OrleansActivationId);
        Assert.Equal(second.OrleansActivationId, afterThree["WriterActivation"].S);
        Assert.Equal("1", afterThree["WriterSeq"].N);
    }

    /// <summary>A refused write names the writer of the stored item and this one, so the conflict can be explained.</summary>
    [Fact]
    public async Task WriteState_StoredItemWrittenByAnotherActivation_ConflictNamesBothWriters()
    {
        var grain = cluster.Cluster.GrainFactory.GetGrain<ILedgerTestGrain>("conflict-" + Guid.NewGuid().ToString("N"));
        await grain.Deposit(1m);
        var ours = (await grain.GetSnapshot()).OrleansActivationId;
        using var client = cluster.Dynalite.CreateClient();
        var item = await StoredItemAsync(grain);
        // What a late write of an earlier activation leaves behind: another ETag, another writer.
        item["ETag"] = new AttributeValue { S = "late-etag" };
        item["WriterActivation"] = new AttributeValue { S = "earlier-activation" };
        item["WriterSeq"] = new AttributeValue { N = "7" };
        await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = item });

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Deposit(2m));

        Assert.Contains("activation earlier-activation", refused.Message, StringComparison.Ordinal);
        Assert.Contains("write #7", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"activation {ours}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("write #2", refused.Message, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, AttributeValue>> StoredItemAsync(ILedgerTestGrain grain)
    {
        using var client = cluster.Dynalite.CreateClient();
        var items = await client.ScanAsync(new ScanRequest { TableName = Table, ConsistentRead = true });
        return Assert.Single(items.Items, i => i["GrainId"].S.EndsWith(grain.GetPrimaryKeyString(), StringComparison.Ordinal));
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
