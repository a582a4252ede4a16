using Orleans;
using Orleans.Runtime;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>
/// Orleans' contract for <c>CleanupDefunctSiloEntries</c>: remove Dead entries whose last update (start, I-am-alive or
/// a suspicion vote) is before the cut-off, exclusive. Orleans computes that cut-off itself from
/// <c>DefunctSiloExpiration</c>, <c>MaxDefunctSiloEntries</c> (the newest entry to drop, plus one tick) and
/// <c>DefunctSiloMinimumRetention</c>, so the table must apply it exactly and touch nothing else.
/// </summary>
[Collection(Storage.DynaliteTestGroup.Name)]
public sealed class MembershipCleanupTests(DynaliteFixture dynalite)
{
    private static readonly DateTime Old = DateTime.UtcNow.AddDays(-10);

    [Fact]
    public async Task CleanupDefunctSiloEntries_OldEntriesOfEveryStatus_RemovesOnlyDeadOnes()
    {
        using var table = await StartAsync(dynalite);
        var entries = Enum.GetValues<SiloStatus>().Select(status => Aged(Entry(status), Old)).ToList();
        foreach (var entry in entries)
        {
            await InsertAsync(table, entry);
        }

        var version = (await table.ReadAllAsync()).Version;

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var data = await table.ReadAllAsync();
        Assert.Equal(
            entries.Where(e => e.Status != SiloStatus.Dead).Select(e => e.SiloAddress).Order(),
            data.Members.Select(row => row.Item1.SiloAddress).Order());
        Assert.Equal(version, data.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DeadWithRecentSignOfLife_KeepsIt()
    {
        using var table = await StartAsync(dynalite);
        var oldDead = Aged(Entry(SiloStatus.Dead), Old);
        var recentlyStarted = Aged(Entry(SiloStatus.Dead), Old);
        recentlyStarted.StartTime = DateTime.UtcNow;
        var heartbeatLately = Aged(Entry(SiloStatus.Dead), Old);
        // Declared dead lately: the votes are recent although the silo's own times are old.
        var suspectedLately = Aged(Entry(SiloStatus.Dead), Old);
        suspectedLately.AddOrUpdateSuspector(Entry().SiloAddress, DateTime.UtcNow.AddMinutes(-5), 2);
        suspectedLately.AddOrUpdateSuspector(Entry().SiloAddress, Old, 2);
        foreach (var entry in new[] { oldDead, recentlyStarted, heartbeatLately, suspectedLately })
        {
            await InsertAsync(table, entry);
        }

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = heartbeatLately.SiloAddress, IAmAliveTime = DateTime.UtcNow });

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(
            new[] { recentlyStarted.SiloAddress, heartbeatLately.SiloAddress, suspectedLately.SiloAddress }.Order(),
            (await table.ReadAllAsync()).Members.Select(row => row.Item1.SiloAddress).Order());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_CutOffAtTheLastUpdate_IsExclusiveToTheTick()
    {
        using var table = await StartAsync(dynalite);
        var dead = Aged(Entry(SiloStatus.Dead), Old.AddTicks(1234567));
        var lastVote = Old.AddHours(1).AddTicks(7654321);
        dead.AddOrUpdateSuspector(Entry().SiloAddress, lastVote, 2);
        await InsertAsync(table, dead);

        // What Orleans passes to drop exactly the entries up to this one (MaxDefunctSiloEntries): its last update + 1 tick.
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(lastVote));
        Assert.Single((await table.ReadAllAsync()).Members);

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(lastVote.AddTicks(1)));
        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    private static MembershipEntry Aged(MembershipEntry entry, DateTime time)
    {
        entry.StartTime = time;
        entry.IAmAliveTime = time;
        return entry;
    }
}
