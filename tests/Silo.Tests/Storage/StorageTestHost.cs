using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Builds providers the way a silo does (service collection, keyed registration) against a dynalite.</summary>
internal static class StorageTestHost
{
    public const string ServiceId = "conformance";

    /// <summary>The table most tests share; created by the first provider that starts.</summary>
    public const string SharedTable = "grain-state-conformance";

    public static async Task<DynamoDbGrainStorage> StartAsync(
        DynaliteFixture dynalite,
        Action<DynamoDbStorageOptions>? configure = null,
        IAmazonDynamoDB? client = null,
        string? name = null)
    {
        var storage = Build(dynalite.ServiceUrl, configure, client, name);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    public static DynamoDbGrainStorage Build(
        string serviceUrl, Action<DynamoDbStorageOptions>? configure = null, IAmazonDynamoDB? client = null, string? name = null)
    {
        name ??= "store-" + Guid.NewGuid().ToString("N")[..8];
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "test";
            o.ServiceId = ServiceId;
        });
        if (client is not null)
        {
            services.AddKeyedSingleton(name, client);
        }

        services.AddDynamoDbGrainStorage(name, ob => ob.Configure(o =>
        {
            o.TableName = SharedTable;
            o.ServiceUrl = serviceUrl;
            o.AccessKey = "local";
            o.SecretKey = "local";
            o.Region = "us-east-1";
            configure?.Invoke(o);
        }));

        // The provider outlives this scope only as long as the test holds it; the container is not disposed on purpose.
        var provider = services.BuildServiceProvider();
        return (DynamoDbGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>(name);
    }

    /// <summary>Retries with tiny delays, so fault tests run quickly.</summary>
    public static Action<PrivateLending.Silo.Storage.DynamoDbStorageOptions> Fast(int retries) => o =>
    {
        o.MaxThrottleRetries = retries;
        o.MaxTransientRetries = retries;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
    };

    public static GrainId NewGrainId(string type = "account") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    public static GrainState<T> Empty<T>() where T : new() => new(new T());

    /// <summary>The state, which the provider must never leave null.</summary>
    public static T Loaded<T>(this GrainState<T> grainState) =>
        grainState.State ?? throw new Xunit.Sdk.XunitException("The provider left the grain state null.");

    /// <summary>The item exactly as stored, read with a plain client (consistent read).</summary>
    public static async Task<Dictionary<string, AttributeValue>?> RawItemAsync(
        DynaliteFixture dynalite, string stateName, GrainId grainId, string table = SharedTable)
    {
        using var client = dynalite.CreateClient();
        var key = GrainStateKey.Create(ServiceId, stateName, grainId);
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { [GrainStateItem.PartitionKey] = new AttributeValue { S = key.PartitionKey } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public static AccountState Account(string owner, decimal balance, params LedgerLine[] lines) => new(owner, balance, lines);
}
