using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;
using Xunit;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// Stream pub-sub state (Orleans' own type) kept in DynamoDB as the silo wires it: without the binary converter
/// its JSON round trip fails, the pulling agent cannot register as producer, and no event is ever delivered.
/// </summary>
public sealed class PubSubStorageTests : IAsyncLifetime
{
    private const string Table = "grain-state-pubsub";
    private const string Provider = "test-streams";
    private DynaliteServer _dynalite = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteServer.StartAsync();
        var builder = new TestClusterBuilder(1);
        builder.Properties["DynamoDb:ServiceUrl"] = _dynalite.ServiceUrl;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _dynalite.DisposeAsync();
    }

    [Fact]
    public async Task MemoryStream_PubSubStateInDynamoDb_DeliversEventsAndStoresState()
    {
        var client = _cluster.Client;
        var stream = client.GetStreamProvider(Provider).GetStream<string>(StreamId.Create("test", Guid.NewGuid()));
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await stream.SubscribeAsync((item, _) =>
        {
            received.TrySetResult(item);
            return Task.CompletedTask;
        });

        await stream.OnNextAsync("accepted");
        Assert.Equal("accepted", await received.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await handle.UnsubscribeAsync();

        using var dynamo = _dynalite.CreateClient();
        var items = await dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Table, ConsistentRead = true });
        Assert.Contains(items.Items, i => i["GrainId"].S.Contains("pubsubrendezvous", StringComparison.Ordinal));
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .AddDynamoDbGrainStorage(StorageNames.PubSub, (OptionsBuilder<DynamoDbStorageOptions> options) => options
                    .Configure(o =>
                    {
                        o.TableName = Table;
                        o.ServiceUrl = siloBuilder.Configuration["DynamoDb:ServiceUrl"];
                        o.AccessKey = "local";
                        o.SecretKey = "local";
                        o.Region = "us-east-1";
                    })
                    .StoreOrleansStatesBinary())
                .AddMemoryStreams(Provider);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(Provider);
    }
}
