using Amazon.DynamoDBv2.Model;
using Orleans.Storage;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// A store that goes back (answers with an item older than a write it acknowledged) is reported, through a real
/// silo and dynalite: the test puts an earlier version of a grain's item back with a plain client, as such a store would.
/// </summary>
[Collection(SiloIntegrationTests.Collection)]
public sealed class StorageRegressionTests(SiloIntegrationTests.ClusterFixture cluster) : IDisposable
{
    private readonly ProviderCounters _counters = new(SiloIntegrationTests.StorageName);

    [Fact]
    public async Task WriteState_StoreReturnsOlderItemOfSameActivation_RefusedAndCountedAsRegression()
    {
        var grain = await GrainWhoseStoreWentBackAsync("went-back");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Deposit(3m));

        Assert.Equal(1, _counters.Of("privatelending.storage.regressions"));
        Assert.Equal(1, _counters.Of("privatelending.storage.conflicts"));
    }

    [Fact]
    public async Task ReadState_StoreReturnsOlderItemOfSameActivation_CountedAsRegression()
    {
        var grain = await GrainWhoseStoreWentBackAsync("read-back");

        await grain.Reload();

        Assert.Equal(1, _counters.Of("privatelending.storage.regressions"));
    }

    /// <summary>Stored items written after ours by someone else: refused as conflicts, but the store did not go back.</summary>
    [Theory]
    [InlineData("another-activation")] // a late write of an earlier activation, or a second activation
    [InlineData(null)] // a write from outside a grain
    public async Task WriteState_StoredItemFromAnotherWriter_ConflictButNoRegression(string? writerActivation)
    {
        var grain = NewGrain("other-writer");
        await grain.Deposit(1m);
        await grain.Deposit(2m);
        var item = await StoredItemAsync(grain);
        item["ETag"] = new AttributeValue { S = Guid.NewGuid().ToString("N") };
        if (writerActivation is not null)
        {
            // The same silo and a lower write number than ours: only the activation tells it apart.
            item["WriterActivation"] = new AttributeValue { S = writerActivation };
            item["WriterSeq"] = new AttributeValue { N = "1" };
        }
        else
        {
            item.Remove("WriterActivation");
            item.Remove("WriterSilo");
            item.Remove("WriterSeq");
        }

        await PutAsync(item);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Deposit(3m));

        Assert.Equal(1, _counters.Of("privatelending.storage.conflicts"));
        Assert.Equal(0, _counters.Of("privatelending.storage.regressions"));
    }

    public void Dispose() => _counters.Dispose();

    /// <summary>A grain that wrote twice, after which the store answers with its first write again.</summary>
    private async Task<ILedgerTestGrain> GrainWhoseStoreWentBackAsync(string prefix)
    {
        var grain = NewGrain(prefix);
        await grain.Deposit(1m);
        var first = await StoredItemAsync(grain);
        await grain.Deposit(2m);
        await PutAsync(first);
        return grain;
    }

    private ILedgerTestGrain NewGrain(string prefix) =>
        cluster.Cluster.GrainFactory.GetGrain<ILedgerTestGrain>(prefix + "-" + Guid.NewGuid().ToString("N"));

    private async Task<Dictionary<string, AttributeValue>> StoredItemAsync(ILedgerTestGrain grain)
    {
        using var client = cluster.Dynalite.CreateClient();
        var items = await client.ScanAsync(new ScanRequest { TableName = SiloIntegrationTests.Table, ConsistentRead = true });
        return Assert.Single(items.Items, i => i["GrainId"].S.EndsWith(grain.GetPrimaryKeyString(), StringComparison.Ordinal));
    }

    // Unconditional, as a store that lost the newer version would answer.
    private async Task PutAsync(Dictionary<string, AttributeValue> item)
    {
        using var client = cluster.Dynalite.CreateClient();
        await client.PutItemAsync(new PutItemRequest { TableName = SiloIntegrationTests.Table, Item = item });
    }
}
