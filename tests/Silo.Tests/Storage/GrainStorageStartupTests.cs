using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Start-up: table creation, a missing table when creation is off, and options validation.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageStartupTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Initialize_FreshTableName_CreatesActiveOnDemandTableThenServes()
    {
        var table = DynaliteFixture.UniqueTableName("fresh");
        using var storage = await StartAsync(dynalite, o => o.TableName = table);

        using var client = dynalite.CreateClient();
        var description = (await client.DescribeTableAsync(table)).Table;
        Assert.Equal(TableStatus.ACTIVE, description.TableStatus);
        Assert.Equal(GrainStateItem.PartitionKey, Assert.Single(description.KeySchema).AttributeName);
        var grain = NewGrainId();
        await storage.WriteStateAsync("s", grain, new GrainState<CounterState>(new CounterState { Count = 3 }));
        var read = Empty<CounterState>();
        await storage.ReadStateAsync("s", grain, read);
        Assert.Equal(3, read.Loaded().Count);
    }

    [Fact]
    public async Task Initialize_SeveralProvidersOnOneFreshTableAtOnce_AllStart()
    {
        // The host registers one provider per storage name, all on one table: they race to create it at start-up.
        var table = DynaliteFixture.UniqueTableName("shared");
        var providers = Enumerable.Range(0, 4).Select(_ => Build(dynalite.ServiceUrl, o => o.TableName = table)).ToArray();
        try
        {
            await Task.WhenAll(providers.Select(p => p.InitializeAsync(CancellationToken.None)));
        }
        finally
        {
            Array.ForEach(providers, p => p.Dispose());
        }

        using var client = dynalite.CreateClient();
        Assert.Equal(TableStatus.ACTIVE, (await client.DescribeTableAsync(table)).Table.TableStatus);
    }

    [Fact]
    public async Task Initialize_FreshTableWithProvisionedCapacity_CreatesProvisionedTable()
    {
        var table = DynaliteFixture.UniqueTableName("provisioned");
        using var storage = await StartAsync(dynalite, o =>
        {
            o.TableName = table;
            o.ProvisionedReadCapacityUnits = 7;
            o.ProvisionedWriteCapacityUnits = 3;
        });

        using var client = dynalite.CreateClient();
        var throughput = (await client.DescribeTableAsync(table)).Table.ProvisionedThroughput;
        Assert.Equal(7, throughput.ReadCapacityUnits);
        Assert.Equal(3, throughput.WriteCapacityUnits);
    }

    [Fact]
    public async Task Initialize_MissingTableAndCreationDisabled_FailsNamingTableAndSetting()
    {
        var table = DynaliteFixture.UniqueTableName("absent");
        using var storage = Build(dynalite.ServiceUrl, o =>
        {
            o.TableName = table;
            o.CreateTableIfNotExists = false;
        });

        var error = await Assert.ThrowsAsync<OrleansConfigurationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(DynamoDbStorageOptions.CreateTableIfNotExists), error.Message, StringComparison.Ordinal);
        using var client = dynalite.CreateClient();
        Assert.DoesNotContain(table, (await client.ListTablesAsync()).TableNames ?? []);
    }

    [Fact]
    public async Task Initialize_ExistingTableWithOtherKeySchema_Fails()
    {
        var table = DynaliteFixture.UniqueTableName("wrong-key");
        using var client = dynalite.CreateClient();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        using var storage = Build(dynalite.ServiceUrl, o => o.TableName = table);

        var error = await Assert.ThrowsAsync<OrleansConfigurationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("key schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        DynamoDbStorageOptionsValidator.Validate(new DynamoDbStorageOptions(), "default");
    }

    public static TheoryData<string, Action<DynamoDbStorageOptions>> BadSettings => new()
    {
        { nameof(DynamoDbStorageOptions.TableName), o => o.TableName = "" },
        { nameof(DynamoDbStorageOptions.TableName), o => o.TableName = "has space" },
        { nameof(DynamoDbStorageOptions.ServiceUrl), o => o.ServiceUrl = "localhost:8000" },
        { nameof(DynamoDbStorageOptions.Region), o => o.Region = " " },
        { nameof(DynamoDbStorageOptions.SecretKey), o => o.AccessKey = "only-the-id" },
        { nameof(DynamoDbStorageOptions.ServiceId), o => o.ServiceId = "" },
        { nameof(DynamoDbStorageOptions.ProvisionedWriteCapacityUnits), o => o.ProvisionedReadCapacityUnits = 5 },
        { nameof(DynamoDbStorageOptions.ProvisionedReadCapacityUnits), o => (o.ProvisionedReadCapacityUnits, o.ProvisionedWriteCapacityUnits) = (0, 5) },
        { nameof(DynamoDbStorageOptions.MaxThrottleRetries), o => o.MaxThrottleRetries = -1 },
        { nameof(DynamoDbStorageOptions.MaxTransientRetries), o => o.MaxTransientRetries = 31 },
        { nameof(DynamoDbStorageOptions.RetryBaseDelay), o => o.RetryBaseDelay = TimeSpan.Zero },
        { nameof(DynamoDbStorageOptions.RetryMaxDelay), o => o.RetryMaxDelay = TimeSpan.FromMilliseconds(1) },
        { nameof(DynamoDbStorageOptions.RequestTimeout), o => o.RequestTimeout = TimeSpan.FromSeconds(-1) },
        { nameof(DynamoDbStorageOptions.TableReadyTimeout), o => o.TableReadyTimeout = TimeSpan.Zero },
        { nameof(DynamoDbStorageOptions.StateCompressionLevel), o => o.StateCompressionLevel = (System.IO.Compression.CompressionLevel)42 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadSetting_ThrowsNamingIt(string setting, Action<DynamoDbStorageOptions> spoil)
    {
        var options = new DynamoDbStorageOptions();
        spoil(options);

        var error = Assert.Throws<OrleansConfigurationException>(() => DynamoDbStorageOptionsValidator.Validate(options, "loans"));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("'loans'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadSetting_FailsWhenProviderIsCreated()
    {
        var error = Assert.Throws<OrleansConfigurationException>(() => Build(dynalite.ServiceUrl, o => o.MaxThrottleRetries = -5));

        Assert.Contains(nameof(DynamoDbStorageOptions.MaxThrottleRetries), error.Message, StringComparison.Ordinal);
    }
}
