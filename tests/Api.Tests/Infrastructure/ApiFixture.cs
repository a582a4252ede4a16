using System.Globalization;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Live;
using PrivateLending.Hosting.Documents;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster (1 silo, memory storage under every name the grains use) and one API host
/// connected to it, shared by every HTTP test.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "api-tests-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    public TestCluster Cluster { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public TestApi Client { get; private set; } = null!;

    /// <summary>The local S3 server documents go to (bucket <see cref="DocumentsBucket"/>), shared with the silo.</summary>
    public S3Server S3 { get; private set; } = null!;

    public const string DocumentsBucket = "api-tests-documents";

    public async Task InitializeAsync()
    {
        S3 = await S3Server.StartAsync();
        SiloConfigurator.S3Settings = S3.Settings(DocumentsBucket);
        var builder = new TestClusterBuilder(1);
        // The API connects like a real client, over TCP to the gateway, not through the in-memory transport.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Api = await StartApiAsync();
        Client = new TestApi(Api.Http);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await S3.DisposeAsync();
    }

    /// <summary>Another API instance on the same cluster, with some settings changed (rate limits, say).</summary>
    public Task<ApiHost> StartApiAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cluster:ClusterId"] = Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = Cluster.Options.ServiceId,
            ["Cluster:GatewayPort"] = Cluster.Primary!.GatewayAddress!.Endpoint!.Port.ToString(CultureInfo.InvariantCulture),
            // The test cluster keeps its own in-memory membership; the API talks to its one gateway.
            ["Cluster:Mode"] = "Static",
            ["Jwt:SigningKey"] = SigningKey,
            ["Security:EmailKeySecret"] = TestSecrets.EmailKeySecret,
            ["Cluster:ClientSecret"] = TestSecrets.ClusterClientSecret,
            // Tests drive one user hard; the limiter gets its own tests with small limits.
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["RateLimiting:Burst"] = "100000",
            ["RateLimiting:LoginPermitsPerMinute"] = "100000",
            ["RateLimiting:AuthPermitsPerMinute"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Event-stream tests watch heartbeats without waiting the production 15 s.
            ["Live:HeartbeatSeconds"] = "0.3",
            // Tests upload far more than a person would; the upload limit gets its own test.
            ["Documents:UploadsPerMinute"] = "100000",
        };
        foreach (var (key, value) in S3.Settings(DocumentsBucket))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ApiHost.StartAsync(settings);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <summary>Set before the cluster starts: Orleans makes this class itself, so the server's address comes in statically.</summary>
        public static IReadOnlyDictionary<string, string?> S3Settings { get; set; } = new Dictionary<string, string?>();

        public void Configure(ISiloBuilder siloBuilder)
        {
            // Loans keep a durable reminder while their outbox holds updates.
            siloBuilder.UseInMemoryReminderService();
            foreach (var name in new[] { StorageNames.Default, StorageNames.Loans, StorageNames.Users, StorageNames.PubSub })
            {
                siloBuilder.AddMemoryGrainStorage(name);
            }

            siloBuilder.AddPrivateLendingLiveStreams();
            // Loans register a funding-deadline reminder when created.
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<PrivateLending.Grains.Mail.IMailSender>(TestMailbox.Instance);
            // Servicing tests move the silo's date (TestClock.Move) instead of waiting days.
            siloBuilder.Services.AddSingleton<TimeProvider>(TestClock.Instance);
            siloBuilder.Services.AddSingleton(EmailKeys.FromBase64(TestSecrets.EmailKeySecret));
            siloBuilder.Services.AddSingleton<PrivateLending.Grains.Audit.IAuditStore>(PrivateLending.TestSupport.Audit.MemoryAuditStore.Instance);
            // Webhook signing secrets are stored protected; keys in memory for the silo's life.
            siloBuilder.Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(
                new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
            siloBuilder.AddIncomingGrainCallFilter<DocumentWriteFaults>();
            // The silo writes loan agreements to the same bucket the API serves documents from.
            siloBuilder.Services.AddDocumentStorage(new ConfigurationBuilder().AddInMemoryCollection(S3Settings).Build());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApi : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
