using System.Net;
using System.Text;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;
using Xunit;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>Pins the per-silo budget that docs/clustering.md uses to size a cluster under DynamoDB's 400 KB item limit.</summary>
public sealed class MembershipItemSizeTests
{
    [Fact]
    public void EntryValue_WorstCaseEntry_StaysWithinTheDocumentedBudget()
    {
        var longest = SiloAddress.New(IPAddress.Parse("255.255.255.255"), 65535, int.MaxValue);
        var podName = new string('p', 63);
        var entry = new MembershipEntry
        {
            SiloAddress = longest,
            Status = SiloStatus.ShuttingDown,
            ProxyPort = 65535,
            HostName = podName,
            SiloName = podName,
            // Orleans sets the role to the silo's entry assembly name.
            RoleName = "PrivateLending.Silo",
            UpdateZone = int.MaxValue,
            FaultZone = int.MaxValue,
            StartTime = DateTime.MaxValue.AddDays(-1).ToUniversalTime(),
            IAmAliveTime = DateTime.MaxValue.AddDays(-1).ToUniversalTime(),
        };
        entry.AddSuspector(longest, DateTime.UtcNow);
        entry.AddSuspector(longest, DateTime.UtcNow);

        var key = MembershipItem.SiloKey(longest);
        var value = MembershipItem.EntryValue(entry, MembershipItem.NewETag());
        // Heartbeats live in items of their own, so an entry is its map key and value only.
        var entryBytes = Bytes(key) + value.M.Sum(pair => Bytes(pair.Key) + Bytes(pair.Value.S) + 1) + 3;

        Assert.True(entryBytes <= 675, $"A worst-case entry takes {entryBytes} bytes; docs/clustering.md budgets 675.");
        Assert.True(400 * 1024 / entryBytes >= 600, "docs/clustering.md promises about 600 entries per cluster.");
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
