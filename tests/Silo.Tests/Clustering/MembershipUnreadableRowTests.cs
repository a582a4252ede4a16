using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>
/// One entry this version cannot read (a status name from a newer version, a changed format) must not take the
/// whole cluster's membership down: reads and the gateway list skip it and return every readable entry.
/// </summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipUnreadableRowTests(DynaliteFixture dynalite)
{
    public static TheoryData<string> Damage() => ["future-status", "not-json", "no-entry-attribute", "bad-address"];

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task ReadAll_OneUnreadableEntry_ReturnsTheReadableOnes(string damage)
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var good = Entry(SiloStatus.Active, proxyPort: 34001);
        var goodETag = await InsertAsync(table, good);
        await PutUnreadableAsync(clusterId, damage);

        var all = await table.ReadAllAsync();
        var row = await table.ReadRowAsync(good.SiloAddress);

        Assert.Equal(good.SiloAddress, Assert.Single(all.Members).Item1.SiloAddress);
        Assert.Equal(1, all.Version.Version);
        Assert.Equal((good.SiloAddress, goodETag), (Assert.Single(row.Members).Item1.SiloAddress, row.Members[0].Item2));
    }

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task GetGateways_OneUnreadableEntry_ReturnsTheReadableGateways(string damage)
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        await InsertAsync(table, Entry(SiloStatus.Active, proxyPort: 34002));
        await PutUnreadableAsync(clusterId, damage);
        using var provider = new DynamoDbGatewayListProvider(Options(dynalite), clusterId, TimeSpan.FromSeconds(1));

        var gateways = await provider.GetGatewaysAsync();

        Assert.Equal(34002, Assert.Single(gateways).Port);
    }

    [Fact]
    public async Task UpdateRow_OtherEntryUnreadable_StillWorksAtTheNextVersion()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var good = Entry();
        await InsertAsync(table, good);
        await PutUnreadableAsync(clusterId, "future-status");
        var read = await table.ReadAllAsync();
        var (current, etag) = read.TryGet(good.SiloAddress)!;
        current.Status = SiloStatus.Active;

        Assert.True(await table.UpdateRowAsync(current, etag, read.Version.Next()));

        Assert.Equal(SiloStatus.Active, Assert.Single((await table.ReadAllAsync()).Members).Item1.Status);
    }

    /// <summary>Writes a damaged entry straight into the cluster's item, as a newer or broken writer would leave it.</summary>
    private async Task PutUnreadableAsync(string clusterId, string damage)
    {
        var entry = Entry(SiloStatus.Active, proxyPort: 34999);
        var value = MembershipItem.EntryValue(entry, MembershipItem.NewETag());
        var json = value.M[MembershipItem.Entry].S;
        switch (damage)
        {
            case "future-status":
                value.M[MembershipItem.Entry] = new AttributeValue(json.Replace("\"Active\"", "\"Retired\"", StringComparison.Ordinal));
                break;
            case "not-json":
                value.M[MembershipItem.Entry] = new AttributeValue("{\"address\": ");
                break;
            case "no-entry-attribute":
                value.M.Remove(MembershipItem.Entry);
                break;
            default:
                value.M[MembershipItem.Entry] = new AttributeValue(json.Replace(entry.SiloAddress.ToParsableString(), "not-an-address", StringComparison.Ordinal));
                break;
        }

        using var client = dynalite.CreateClient();
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Options(dynalite).MembershipTableName,
            Key = MembershipItem.Key(clusterId),
            UpdateExpression = "SET #m.#s = :v, #a.#s = :t",
            ExpressionAttributeNames = new() { ["#m"] = MembershipItem.Members, ["#a"] = MembershipItem.Alive, ["#s"] = MembershipItem.SiloKey(entry.SiloAddress) },
            ExpressionAttributeValues = new() { [":v"] = value, [":t"] = new AttributeValue(MembershipItem.FormatTime(DateTime.UtcNow)) },
        });
    }
}
