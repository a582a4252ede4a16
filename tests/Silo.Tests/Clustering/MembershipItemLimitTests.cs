using Orleans.Runtime;
using PrivateLending.Silo.Clustering;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>A membership write that would take the cluster's item past DynamoDB's 400 KB says so in our own terms.</summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipItemLimitTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task InsertRow_ItemWouldPassTheSizeLimit_ThrowsMembershipItemTooLargeAndChangesNothing()
    {
        var clusterId = NewClusterId();
        using var table = await StartAsync(dynalite, clusterId);
        var small = Entry();
        await InsertAsync(table, small);
        var huge = Entry();
        huge.HostName = new string('h', 410 * 1024);
        var before = await table.ReadAllAsync();

        var failure = await Assert.ThrowsAsync<MembershipItemTooLargeException>(() => table.InsertRowAsync(huge, before.Version.Next()));

        Assert.Null(failure.InnerException);
        Assert.Contains(clusterId, failure.Message, StringComparison.Ordinal);
        Assert.Contains("400 KB", failure.Message, StringComparison.Ordinal);
        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(small.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task UpdateRow_ItemWouldPassTheSizeLimit_ThrowsMembershipItemTooLarge()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);
        entry.Status = SiloStatus.Active;
        entry.SiloName = new string('s', 410 * 1024);
        var next = (await table.ReadAllAsync()).Version.Next();

        await Assert.ThrowsAsync<MembershipItemTooLargeException>(() => table.UpdateRowAsync(entry, etag, next));

        Assert.Equal(SiloStatus.Joining, Assert.Single((await table.ReadAllAsync()).Members).Item1.Status);
    }
}
