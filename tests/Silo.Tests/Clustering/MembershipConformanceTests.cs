using Orleans;
using Orleans.Runtime;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>
/// Checks Orleans' own membership provider tests make of every table (repeated updates with suspicion votes, a fresh
/// ETag paired with a stale version, the whole entry after an update, versions seen through <c>ReadRow</c>), written
/// here against our table on a real dynalite.
/// </summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipConformanceTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task UpdateRow_RepeatedUpdatesWithSuspicionVotes_EachLandsWhole()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry(SiloStatus.Active);
        await InsertAsync(table, entry);
        var etags = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 1; i <= 10; i++)
        {
            var data = await table.ReadRowAsync(entry.SiloAddress);
            var (current, etag) = Assert.Single(data.Members);
            etags.Add(etag);
            current.AddOrUpdateSuspector(Entry().SiloAddress, DateTime.UtcNow.AddSeconds(i), 3);
            current.UpdateZone = i;

            Assert.True(await table.UpdateRowAsync(current, etag, data.Version.Next()), $"update {i}");

            var after = await table.ReadRowAsync(entry.SiloAddress);
            Assert.Equal(data.Version.Version + 1, after.Version.Version);
            AssertSameEntry(current, Assert.Single(after.Members).Item1);
        }

        var final = Assert.Single((await table.ReadAllAsync()).Members);
        Assert.Equal(3, final.Item1.SuspectTimes?.Count);
        Assert.DoesNotContain(final.Item2, etags);
    }

    [Fact]
    public async Task UpdateRow_NewETagWithOldVersion_IsRefused()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);
        var before = await table.ReadAllAsync();
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, etag, before.Version.Next()));
        var (stored, newETag) = Assert.Single((await table.ReadAllAsync()).Members);

        stored.Status = SiloStatus.ShuttingDown;
        Assert.False(await table.UpdateRowAsync(stored, newETag, before.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.Equal((SiloStatus.Active, newETag), (after.Members[0].Item1.Status, after.Members[0].Item2));
    }

    [Fact]
    public async Task UpdateRow_EveryField_ReadsBackTheWholeEntry()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);
        var changed = Entry(SiloStatus.ShuttingDown, proxyPort: 30123);
        changed.SiloAddress = entry.SiloAddress;
        changed.HostName = "host-b";
        changed.SiloName = "silo-renamed";
        changed.RoleName = "PrivateLending.Silo";
        changed.UpdateZone = 7;
        changed.FaultZone = 9;
        changed.StartTime = entry.StartTime.AddTicks(-12345);
        changed.IAmAliveTime = entry.IAmAliveTime.AddTicks(6789);
        changed.AddOrUpdateSuspector(Entry().SiloAddress, DateTime.UtcNow.AddTicks(3), 2);
        changed.AddOrUpdateSuspector(Entry().SiloAddress, DateTime.UtcNow.AddTicks(5), 2);

        Assert.True(await table.UpdateRowAsync(changed, etag, (await table.ReadAllAsync()).Version.Next()));

        AssertSameEntry(changed, Assert.Single((await table.ReadRowAsync(entry.SiloAddress)).Members).Item1);
        AssertSameEntry(changed, Assert.Single((await table.ReadAllAsync()).Members).Item1);
    }

    [Fact]
    public async Task ReadRow_AfterOtherSilosWrite_SeesTheVersionChange()
    {
        using var table = await StartAsync(dynalite);
        var mine = Entry();
        var myETag = await InsertAsync(table, mine);
        var first = await table.ReadRowAsync(mine.SiloAddress);

        var other = Entry();
        var otherETag = await InsertAsync(table, other);
        var second = await table.ReadRowAsync(mine.SiloAddress);
        other.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(other, otherETag, second.Version.Next()));
        var third = await table.ReadRowAsync(mine.SiloAddress);

        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(d => d.Version.Version));
        Assert.All(new[] { first, second, third }, d => Assert.Equal(myETag, Assert.Single(d.Members).Item2));
    }

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(
            (expected.SuspectTimes ?? []).Select(v => (v.Item1, v.Item2)),
            (actual.SuspectTimes ?? []).Select(v => (v.Item1, v.Item2)));
    }
}
