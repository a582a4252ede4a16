using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PrivateLending.Grains.Limits;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// A silo like <see cref="ClusterFixture"/>'s with small invitation limits, so a test reaches them with a handful of
/// invitations (the shared silo keeps the production defaults, which no other test comes near).
/// </summary>
public sealed class LimitsClusterFixture : IAsyncLifetime
{
    public const int DailyPerSender = 6;

    public const int DailyMailsPerRecipient = 2;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<ClusterFixture.SiloConfigurator>();
        builder.AddSiloBuilderConfigurator<SmallLimits>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SmallLimits : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.Configure<InvitationLimitsOptions>(o =>
            {
                o.DailyPerSender = DailyPerSender;
                o.DailyMailsPerRecipient = DailyMailsPerRecipient;
            });
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsClusterTests : ICollectionFixture<LimitsClusterFixture>
{
    public const string Name = "limits-cluster";
}
