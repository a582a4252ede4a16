using System.Text;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.TestSupport;
using Xunit;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>
/// Heartbeats live in an item per silo: a heartbeat costs one small write whatever the cluster's size, and never
/// rewrites the membership item that every versioned change needs.
/// </summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipHeartbeatTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task UpdateIAmAlive_ClusterOfSilos_LeavesTheMembershipItemUntouched()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var entries = Enumerable.Range(0, 5).Select(_ => Entry(SiloStatus.Active)).ToList();
        foreach (var entry in entries)
        {
            await InsertAsync(table, entry);
        }

        var before = await RawItemAsync(MembershipItem.Key(clusterId));

        var alive = DateTime.UtcNow.AddMinutes(1);
        foreach (var entry in entries)
        {
            await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });
            await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive.AddSeconds(30) });
        }

        Assert.Equal(Describe(before), Describe(await RawItemAsync(MembershipItem.Key(clusterId))));
        Assert.All((await table.ReadAllAsync()).Members, row => Assert.Equal(alive.AddSeconds(30), row.Item1.IAmAliveTime));
    }

    [Fact]
    public async Task UpdateIAmAlive_LongestSiloAddress_WritesAnItemUnderOneKilobyte()
    {
        var clusterId = new string('c', 128);
        using var table = await StartAsync(dynalite, clusterId);
        var entry = Entry(SiloStatus.Active);
        await InsertAsync(table, entry);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = DateTime.UtcNow });

        var heartbeat = await RawItemAsync(HeartbeatKey(clusterId, entry.SiloAddress));
        Assert.NotNull(heartbeat);
        // Counted as DynamoDB bills a write: attribute names plus UTF-8 values. The worst silo address adds 15 bytes.
        var bytes = heartbeat.Sum(pair => Bytes(pair.Key) + Bytes(pair.Value.S)) + 15;
        Assert.True(bytes <= 1024, $"A heartbeat item takes {bytes} bytes: more than one write unit.");
    }

    [Fact]
    public async Task ReadAll_HeartbeatInTheOldAliveMap_TakesTheLaterOfMapAndItem()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var mapNewer = Entry(SiloStatus.Active);
        var itemNewer = Entry(SiloStatus.Active);
        await InsertAsync(table, mapNewer);
        await InsertAsync(table, itemNewer);
        var now = DateTime.UtcNow;

        // As the previous version wrote heartbeats: into the membership item's Alive map.
        await WriteOldHeartbeatAsync(clusterId, mapNewer.SiloAddress, now.AddMinutes(2));
        await WriteOldHeartbeatAsync(clusterId, itemNewer.SiloAddress, now.AddMinutes(1));
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = mapNewer.SiloAddress, IAmAliveTime = now.AddMinutes(1) });
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = itemNewer.SiloAddress, IAmAliveTime = now.AddMinutes(3) });

        var all = await table.ReadAllAsync();
        Assert.Equal(now.AddMinutes(2), all.TryGet(mapNewer.SiloAddress)!.Item1.IAmAliveTime);
        Assert.Equal(now.AddMinutes(3), all.TryGet(itemNewer.SiloAddress)!.Item1.IAmAliveTime);
        Assert.Equal(now.AddMinutes(3), Assert.Single((await table.ReadRowAsync(itemNewer.SiloAddress)).Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovedEntry_RemovesItsHeartbeatAndLaterHeartbeatsFail()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var dead = Entry(SiloStatus.Dead);
        dead.StartTime = dead.IAmAliveTime = DateTime.UtcNow.AddDays(-30);
        await InsertAsync(table, dead);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = dead.SiloAddress, IAmAliveTime = DateTime.UtcNow.AddDays(-20) });
        Assert.NotNull(await RawItemAsync(HeartbeatKey(clusterId, dead.SiloAddress)));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Empty((await table.ReadAllAsync()).Members);
        Assert.Null(await RawItemAsync(HeartbeatKey(clusterId, dead.SiloAddress)));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = dead.SiloAddress, IAmAliveTime = DateTime.UtcNow }));
        Assert.Null(await RawItemAsync(HeartbeatKey(clusterId, dead.SiloAddress)));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_Cluster_RemovesItsHeartbeatItems()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var entry = Entry(SiloStatus.Active);
        await InsertAsync(table, entry);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = DateTime.UtcNow });

        await table.DeleteMembershipTableEntriesAsync(clusterId);

        Assert.Null(await RawItemAsync(MembershipItem.Key(clusterId)));
        Assert.Null(await RawItemAsync(HeartbeatKey(clusterId, entry.SiloAddress)));
    }

    private static Dictionary<string, AttributeValue> HeartbeatKey(string clusterId, SiloAddress silo) =>
        MembershipItem.Key($"{clusterId}#alive#{MembershipItem.SiloKey(silo)}");

    private async Task<Dictionary<string, AttributeValue>?> RawItemAsync(Dictionary<string, AttributeValue> key)
    {
        using var client = dynalite.CreateClient();
        var response = await client.GetItemAsync(new GetItemRequest { TableName = Options(dynalite).MembershipTableName, Key = key, ConsistentRead = true });
        return response.IsItemSet ? response.Item : null;
    }

    private async Task WriteOldHeartbeatAsync(string clusterId, SiloAddress silo, DateTime alive)
    {
        using var client = dynalite.CreateClient();
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Options(dynalite).MembershipTableName,
            Key = MembershipItem.Key(clusterId),
            UpdateExpression = "SET #a.#s = :t",
            ExpressionAttributeNames = new() { ["#a"] = MembershipItem.Alive, ["#s"] = MembershipItem.SiloKey(silo) },
            ExpressionAttributeValues = new() { [":t"] = new AttributeValue(MembershipItem.FormatTime(alive)) },
        });
    }

    // Every attribute, nested maps included, in a stable order: equal texts mean an unchanged item.
    private static string Describe(Dictionary<string, AttributeValue>? item) => item is null ? "none"
        : string.Join(";", item.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={Describe(pair.Value)}"));

    private static string Describe(AttributeValue value) => value.M is { Count: > 0 } map ? $"{{{Describe(map)}}}" : value.S ?? value.N ?? "{}";

    private static int Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
