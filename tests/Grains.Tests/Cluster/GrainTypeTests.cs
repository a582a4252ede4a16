using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Tests.Infrastructure;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Renamed grains keep the grain types they were stored under (the account was EmailGrain, the invitation index
/// LenderGrain): storage items, reminders and grain ids are keyed by the type, so a new one would orphan every account.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class GrainTypeTests(ClusterFixture fixture)
{
    [Fact]
    public void GrainIds_RenamedGrains_KeepTheirStoredGrainTypes()
    {
        Assert.Equal("email", fixture.Grains.GetGrain<IAccountGrain>("k").GetGrainId().Type.ToString());
        Assert.Equal("lender", fixture.Grains.GetGrain<IInvitationIndexGrain>("k").GetGrainId().Type.ToString());
    }
}
