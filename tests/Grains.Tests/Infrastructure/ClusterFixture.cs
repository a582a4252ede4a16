using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.TestSupport;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>One in-process silo for every cluster test, with memory storage that serialises state as System.Text.Json.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>How long the test silo waits for a grain's deactivation before it lets a new activation start.</summary>
    public static readonly TimeSpan DeactivationTimeout = TimeSpan.FromSeconds(1);

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Deactivates a grain, so its next call activates it afresh from storage.</summary>
    public static async Task DeactivateAsync(IAddressable grain) =>
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // Loans keep a durable reminder while their outbox holds updates, and one for the funding deadline;
            // every write to the table is counted for the storage-cost tests.
            siloBuilder.UseInMemoryReminderService();
            CountingReminderTable.Decorate(siloBuilder.Services);
            foreach (var name in new[] { StorageNames.Default, StorageNames.Loans, StorageNames.Users, StorageNames.PubSub })
            {
                // JSON like the DynamoDB provider: a state that does not round-trip through System.Text.Json fails here too.
                var inner = "memory-" + name;
                siloBuilder.AddMemoryGrainStorage(inner, options => options.GrainStorageSerializer = CountingJsonSerializer.Instance);
                siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(
                    name, (services, _) => new ConflictCountingStorage(services.GetRequiredKeyedService<IGrainStorage>(inner)));
            }

            siloBuilder.Services.AddSingleton<PrivateLending.Grains.Mail.IMailSender>(TestMailbox.Instance);
            // Servicing tests move the silo's date (TestClock.Move) instead of waiting days.
            siloBuilder.Services.AddSingleton<TimeProvider>(TestClock.Instance);
            siloBuilder.Services.AddSingleton(TestData.Keys);
            // Webhooks answer from a script; retries every 200 ms so a retry test takes well under a second.
            siloBuilder.Services.AddSingleton<PrivateLending.Grains.Webhooks.IWebhookSender>(TestWebhookSender.Instance);
            // Signing secrets are stored protected; keys in memory for the silo's life.
            siloBuilder.Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(
                new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
            siloBuilder.Services.Configure<PrivateLending.Grains.Webhooks.WebhookOptions>(o =>
            {
                o.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
                o.BackoffFactor = 1;
            });
            siloBuilder.Services.AddSingleton<PrivateLending.Grains.Audit.IAuditStore>(PrivateLending.TestSupport.Audit.MemoryAuditStore.Instance);
            siloBuilder.AddIncomingGrainCallFilter<TestCallFilter>();
            // Short, so a test can outlast a deactivation that Orleans gives up on (30 s by default).
            siloBuilder.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = DeactivationTimeout);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterTests : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
