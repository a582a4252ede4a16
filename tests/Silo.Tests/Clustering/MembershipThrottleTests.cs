using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using PrivateLending.Silo.Clustering;
using PrivateLending.Silo.Storage;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Clustering.MembershipTestHost;

namespace PrivateLending.Silo.Tests.Clustering;

/// <summary>DynamoDB refusing membership requests for capacity counts with the storage throttles, as provider "clustering".</summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class MembershipThrottleTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task ReadAll_Throttled_CountedOnceAsClusteringAndStillThrown()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var table = new DynamoDbMembershipTable(Options(dynalite), NewClusterId(), NullLogger<DynamoDbMembershipTable>.Instance, client);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        using var counters = new ProviderCounters(StorageMetrics.ClusteringProvider);
        faults.FailBefore = _ => new ProvisionedThroughputExceededException("slow down");

        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(table.ReadAll);

        Assert.Equal(1, counters.Of("privatelending.storage.throttles"));
    }
}
