using System.Net;
using Orleans;
using Orleans.Runtime;
using PrivateLending.TestSupport;
using Xunit;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>The membership table's contract: versioned, conditional writes on one item per cluster, against real dynalite.</summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipTableTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task ReadAll_NewCluster_IsEmptyAtVersionZero()
    {
        using var uninitialised = await StartAsync(dynalite, initialise: false);
        using var table = await StartAsync(dynalite);

        foreach (var data in new[] { await uninitialised.ReadAllAsync(), await table.ReadAllAsync() })
        {
            Assert.Empty(data.Members);
            Assert.Equal(0, data.Version.Version);
        }
    }

    [Fact]
    public async Task InsertRow_NextVersion_SucceedsAndReadsBackEveryField()
    {
        using var table = await StartAsync(dynalite);
        var suspecter = Entry().SiloAddress;
        var entry = Entry(SiloStatus.Active, proxyPort: 30123);
        entry.AddSuspector(suspecter, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        var (stored, etag) = Assert.Single(data.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(entry.StartTime, stored.StartTime);
        var vote = Assert.Single(stored.SuspectTimes!);
        Assert.Equal((suspecter, entry.SuspectTimes![0].Item2), (vote.Item1, vote.Item2));
    }

    [Fact]
    public async Task InsertRow_StaleVersion_FailsAndChangesNothing()
    {
        using var table = await StartAsync(dynalite);
        var read = await table.ReadAllAsync();
        await InsertAsync(table, Entry());

        Assert.False(await table.InsertRowAsync(Entry(), read.Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task InsertRow_SameSiloTwice_SecondFailsEvenAtTheRightVersion()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);

        var again = Entry(SiloStatus.Active, port: entry.SiloAddress.Endpoint.Port);
        again.SiloAddress = entry.SiloAddress;
        Assert.False(await table.InsertRowAsync(again, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        var (stored, storedETag) = Assert.Single(data.Members);
        Assert.Equal((SiloStatus.Joining, etag), (stored.Status, storedETag));
    }

    [Fact]
    public async Task InsertRow_NoInitialisedItem_Fails()
    {
        using var table = await StartAsync(dynalite, initialise: false);

        Assert.False(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync()).Version.Next()));
        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task UpdateRow_CurrentETagAndVersion_ReplacesEntryWithNewETag()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);
        entry.Status = SiloStatus.Active;

        Assert.True(await table.UpdateRowAsync(entry, etag, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(2, data.Version.Version);
        var (stored, newETag) = Assert.Single(data.Members);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.NotEqual(etag, newETag);
    }

    [Fact]
    public async Task UpdateRow_StaleETag_FailsAndLeavesRowUnchanged()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var staleETag = await InsertAsync(table, entry);
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, staleETag, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        var dead = Entry(SiloStatus.Dead);
        dead.SiloAddress = entry.SiloAddress;
        Assert.False(await table.UpdateRowAsync(dead, staleETag, before.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
    }

    [Fact]
    public async Task UpdateRow_StaleVersion_FailsAndLeavesRowUnchanged()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry();
        var etag = await InsertAsync(table, entry);
        var staleVersion = (await table.ReadAllAsync()).Version;
        await InsertAsync(table, Entry());

        entry.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(entry, etag, staleVersion.Next()));

        var data = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(2, data.Version.Version);
        var (stored, storedETag) = Assert.Single(data.Members);
        Assert.Equal((SiloStatus.Joining, etag), (stored.Status, storedETag));
    }

    [Fact]
    public async Task UpdateRow_UnknownSilo_Fails()
    {
        using var table = await StartAsync(dynalite);

        Assert.False(await table.UpdateRowAsync(Entry(), "no-such-etag", (await table.ReadAllAsync()).Version.Next()));
        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task InsertRow_TwentyConcurrentInsertsOfOneSilo_ExactlyOneWins()
    {
        using var table = await StartAsync(dynalite);
        var version = (await table.ReadAllAsync()).Version.Next();
        var template = Entry();
        var attempts = Enumerable.Range(0, 20).Select(i =>
        {
            var entry = Entry(SiloStatus.Joining, proxyPort: 40000 + i);
            entry.SiloAddress = template.SiloAddress;
            return Task.Run(() => table.InsertRowAsync(entry, version));
        });

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        var winner = Array.IndexOf(results, true);
        Assert.Equal(40000 + winner, Assert.Single(data.Members).Item1.ProxyPort);
    }

    [Fact]
    public async Task UpdateRow_ConcurrentReadAndRetryUpdaters_AllLandAtTheRightVersion()
    {
        using var table = await StartAsync(dynalite);
        const int silos = 5;
        const int updatesEach = 4;
        var entries = new List<MembershipEntry>();
        for (var i = 0; i < silos; i++)
        {
            var entry = Entry();
            await InsertAsync(table, entry);
            entries.Add(entry);
        }

        await Task.WhenAll(entries.Select(entry => Task.Run(async () =>
        {
            for (var update = 1; update <= updatesEach; update++)
            {
                while (true)
                {
                    // What Orleans does: read, change, write conditionally, and start again on a conflict.
                    var data = await table.ReadAllAsync();
                    var (current, etag) = data.TryGet(entry.SiloAddress)!;
                    current.UpdateZone = update;
                    if (await table.UpdateRowAsync(current, etag, data.Version.Next()))
                    {
                        break;
                    }
                }
            }
        })));

        var final = await table.ReadAllAsync();
        Assert.Equal(silos + (silos * updatesEach), final.Version.Version);
        Assert.All(final.Members, row => Assert.Equal(updatesEach, row.Item1.UpdateZone));
    }

    [Fact]
    public async Task UpdateIAmAlive_KeepsVersionAndETagAndRaisesAliveTime()
    {
        using var table = await StartAsync(dynalite);
        var entry = Entry(SiloStatus.Active);
        var etag = await InsertAsync(table, entry);
        var before = await table.ReadAllAsync();

        var alive = entry.IAmAliveTime.AddMinutes(1);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        var (stored, storedETag) = Assert.Single(after.Members);
        Assert.Equal((alive, etag), (stored.IAmAliveTime, storedETag));

        // An update written with an older I-am-alive time does not move the heartbeat back.
        Assert.True(await table.UpdateRowAsync(entry, etag, after.Version.Next()));
        Assert.Equal(alive, Assert.Single((await table.ReadAllAsync()).Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task UpdateIAmAlive_UnknownSilo_Throws()
    {
        using var table = await StartAsync(dynalite);

        await Assert.ThrowsAsync<InvalidOperationException>(() => table.UpdateIAmAliveAsync(Entry()));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesOnlyThatCluster()
    {
        var doomedCluster = NewClusterId();
        using var doomed = await StartAsync(dynalite, doomedCluster);
        var keptCluster = NewClusterId();
        using var kept = await StartAsync(dynalite, keptCluster);
        await InsertAsync(doomed, Entry());
        await InsertAsync(kept, Entry());

        await doomed.DeleteMembershipTableEntriesAsync(doomedCluster);

        Assert.Empty((await doomed.ReadAllAsync()).Members);
        Assert.Equal(0, (await doomed.ReadAllAsync()).Version.Version);
        Assert.Single((await kept.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task ReadRow_OtherSilo_ReturnsVersionWithoutMembers()
    {
        using var table = await StartAsync(dynalite);
        await InsertAsync(table, Entry());

        var data = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 1, 1));

        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }
}
