using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.Silo.Clustering;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>A membership table on its own cluster id (and table, when asked) in the shared dynalite.</summary>
internal static class MembershipTestHost
{
    private static int _port = 20000;

    public static DynamoDbClusteringOptions Options(DynaliteFixture dynalite, string? table = null) => new()
    {
        ServiceUrl = dynalite.ServiceUrl,
        Region = "us-east-1",
        AccessKey = "local",
        SecretKey = "local",
        MembershipTableName = table ?? "membership-tests",
    };

    public static async Task<DynamoDbMembershipTable> StartAsync(DynaliteFixture dynalite, string? clusterId = null, bool initialise = true)
    {
        var table = new DynamoDbMembershipTable(Options(dynalite), clusterId ?? NewClusterId(), NullLogger<DynamoDbMembershipTable>.Instance);
        await table.InitializeMembershipTableAsync(initialise);
        return table;
    }

    public static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    /// <summary>A full entry for a silo on a port no other test uses.</summary>
    public static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, int proxyPort = 30000, int? port = null)
    {
        var now = DateTime.UtcNow;
        var address = SiloAddress.New(IPAddress.Loopback, port ?? Interlocked.Increment(ref _port), SiloAddress.AllocateNewGeneration());
        return new MembershipEntry
        {
            SiloAddress = address,
            Status = status,
            ProxyPort = proxyPort,
            HostName = "host-a",
            SiloName = $"silo-{address.Endpoint.Port}",
            RoleName = "role",
            UpdateZone = 2,
            FaultZone = 3,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }

    /// <summary>Inserts an entry at the table's next version and returns its stored ETag.</summary>
    public static async Task<string> InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        var before = await table.ReadAllAsync();
        if (!await table.InsertRowAsync(entry, before.Version.Next()))
        {
            throw new InvalidOperationException($"Insert of {entry.SiloAddress} failed.");
        }

        return (await table.ReadRowAsync(entry.SiloAddress)).Members.Single().Item2;
    }
}
