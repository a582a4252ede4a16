using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Throttling, unreachable storage and lost replies map to the right exceptions, or are retried safely.</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageFaultTests(DynaliteFixture dynalite)
{
    private const string State = "account";

    [Fact]
    public async Task WriteState_ThrottledBeyondRetries_ThrowsStorageThrottledWithRetryAfter()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 3), client);
        faults.FailBefore = method => method == nameof(client.PutItemAsync) ? new ProvisionedThroughputExceededException("slow down") : null;
        var grain = NewGrainId();

        var error = await Assert.ThrowsAsync<StorageThrottledException>(
            () => storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account("t", 1m))));

        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Contains(nameof(ProvisionedThroughputExceededException), error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.Equal(4, faults.Calls(nameof(client.PutItemAsync)));
        Assert.Null(await RawItemAsync(dynalite, State, grain));
    }

    [Fact]
    public async Task WriteState_ThrottleClearsBeforeRetriesRunOut_Succeeds()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 3), client);
        var remaining = 2;
        faults.FailBefore = method => method == nameof(client.PutItemAsync) && remaining-- > 0 ? new ProvisionedThroughputExceededException("slow down") : null;
        var grain = NewGrainId();
        var state = new GrainState<AccountState>(Account("t", 1m));

        await storage.WriteStateAsync(State, grain, state);

        Assert.Equal(3, faults.Calls(nameof(client.PutItemAsync)));
        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Theory]
    [InlineData("ThrottlingException")]
    [InlineData("RequestLimitExceeded")]
    public async Task ReadState_ThrottlingErrorCode_IsRetriedThenSurfaced(string errorCode)
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 2), client);
        faults.FailBefore = method => method == nameof(client.GetItemAsync)
            ? new AmazonDynamoDBException("throttled") { ErrorCode = errorCode, StatusCode = HttpStatusCode.BadRequest }
            : null;

        var error = await Assert.ThrowsAsync<StorageThrottledException>(
            () => storage.ReadStateAsync(State, NewGrainId(), Empty<AccountState>()));

        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Equal(3, faults.Calls(nameof(client.GetItemAsync)));
    }

    [Fact]
    public async Task ReadAndWrite_ClosedPort_ThrowStorageUnavailableQuickly()
    {
        using var storage = Build($"http://127.0.0.1:{ClosedPort()}", o =>
        {
            Fast(retries: 1)(o);
            o.RequestTimeout = TimeSpan.FromSeconds(2);
        });
        var started = DateTime.UtcNow;

        var read = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.ReadStateAsync(State, NewGrainId(), Empty<AccountState>()));
        var write = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.WriteStateAsync(State, NewGrainId(), new GrainState<AccountState>(Account("u", 1m))));
        var start = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.All(new[] { read, write, start }, e => Assert.True(e.RetryAfter > TimeSpan.Zero));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WriteState_ReplyLostAfterServerApplied_RetryRecognisesOwnWrite()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 2), client);
        var grain = NewGrainId();
        var state = new GrainState<AccountState>(Account("v1", 1m));
        await storage.WriteStateAsync(State, grain, state);
        var lost = 1;
        faults.FailAfter = method => method == nameof(client.PutItemAsync) && lost-- > 0 ? new HttpRequestException("connection reset") : null;

        state.State = Account("v2", 2m);
        await storage.WriteStateAsync(State, grain, state);

        Assert.Equal(3, faults.Calls(nameof(client.PutItemAsync)));
        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("v2", read.Loaded().Owner);
    }

    [Fact]
    public async Task WriteState_ConnectionFailsBeforeSending_IsRetriedAndSucceeds()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 2), client);
        var failures = 1;
        faults.FailBefore = method => method == nameof(client.PutItemAsync) && failures-- > 0 ? new HttpRequestException("refused", new SocketException()) : null;
        var grain = NewGrainId();

        await storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account("w", 1m)));

        Assert.NotNull(await RawItemAsync(dynalite, State, grain));
    }


    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
