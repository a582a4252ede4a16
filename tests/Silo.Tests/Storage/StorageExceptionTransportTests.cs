using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// The exceptions the provider raises reach grain callers (the API) intact: Orleans must be able to serialise
/// them, so the API can answer 409/429/503 instead of failing to read the error and answering 500.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class StorageExceptionTransportTests(DynaliteFixture dynalite)
{
    private const string State = "account";
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public async Task StaleWriteConflict_SerialisedForTheCaller_KeepsTypeAndETags()
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainId();
        var first = new GrainState<AccountState>(Account("a", 1m));
        await storage.WriteStateAsync(State, grain, first);
        var stale = new GrainState<AccountState>(Account("b", 2m)) { ETag = first.ETag };
        await storage.WriteStateAsync(State, grain, first);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, grain, stale));
        var received = Assert.IsType<InconsistentStateException>(RoundTrip(conflict));

        Assert.Equal(first.ETag, received.StoredEtag);
        Assert.Equal(stale.ETag, received.CurrentEtag);
        Assert.Equal(conflict.Message, received.Message);
    }

    [Fact]
    public async Task Throttling_SerialisedForTheCaller_KeepsTypeAndRetryAfter()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 1), client);
        faults.FailBefore = method => method == nameof(client.GetItemAsync) ? new ProvisionedThroughputExceededException("slow down") : null;

        var throttled = await Assert.ThrowsAsync<StorageThrottledException>(
            () => storage.ReadStateAsync(State, NewGrainId(), Empty<AccountState>()));
        var received = Assert.IsType<StorageThrottledException>(RoundTrip(throttled));

        Assert.Equal(throttled.RetryAfter, received.RetryAfter);
        Assert.True(received.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Outage_SerialisedForTheCaller_KeepsTypeAndRetryAfter()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var storage = await StartAsync(dynalite, Fast(retries: 1), client);
        faults.FailBefore = method => method == nameof(client.PutItemAsync) ? new HttpRequestException("connection refused") : null;

        var outage = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.WriteStateAsync(State, NewGrainId(), new GrainState<AccountState>(Account("c", 3m))));
        var received = Assert.IsType<StorageUnavailableException>(RoundTrip(outage));

        Assert.Equal(outage.RetryAfter, received.RetryAfter);
        Assert.Contains(nameof(HttpRequestException), received.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableState_SerialisedForTheCaller_KeepsTypeAndGrain()
    {
        var unreadable = new UnreadableGrainStateException("account/1", State, "Stored state 'account' of grain account/1 cannot be read", new InvalidDataException("bad gzip"));

        var received = Assert.IsType<UnreadableGrainStateException>(RoundTrip(unreadable));

        Assert.Equal("account/1", received.GrainId);
        Assert.Equal(State, received.StateName);
        Assert.Equal(unreadable.Message, received.Message);
    }

    private static Exception RoundTrip(Exception exception) =>
        Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(exception))
        ?? throw new InvalidOperationException("The exception did not survive serialisation.");
}
