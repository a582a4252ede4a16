using System.Net;
using Microsoft.AspNetCore.Identity;
using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>
/// The API exactly as Program.cs wires it, on real Kestrel at a free loopback port, configured against the test
/// cluster's gateway. Tests talk to it over real HTTP.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private ApiHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts the API against silo processes, finding their gateways in the DynamoDB membership table at
    /// <paramref name="dynamoDbUrl"/> as in production (cluster id = service id).
    /// </summary>
    public static Task<ApiHost> StartForClusterAsync(string serviceId, string dynamoDbUrl, IReadOnlyDictionary<string, string?>? overrides = null) => StartAsync(new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Cluster:ClusterId"] = serviceId,
        ["Cluster:ServiceId"] = serviceId,
        ["Cluster:Mode"] = "DynamoDb",
        ["DynamoDb:ServiceUrl"] = dynamoDbUrl,
        ["DynamoDb:Region"] = "us-east-1",
        ["DynamoDb:AccessKey"] = "local",
        ["DynamoDb:SecretKey"] = "local",
        ["Jwt:SigningKey"] = ApiFixture.SigningKey,
        ["Security:EmailKeySecret"] = TestSecrets.EmailKeySecret,
        ["Cluster:ClientSecret"] = TestSecrets.ClusterClientSecret,
        ["Serilog:MinimumLevel:Default"] = "Warning",
    }.Concat(overrides ?? new Dictionary<string, string?>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    public static async Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Most tests are not about key encryption at rest (KeyEncryptionEndToEndTests is); a test may still override this.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:AllowUnencryptedKeys"] = "true" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrivateLendingApi();
        // Hashing cost is not under test here; the production iteration count would dominate the run time.
        builder.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);

        var app = builder.Build();
        app.UsePrivateLendingApi();
        await app.StartAsync();
        // The management address (Metrics:Url), when a test sets one, is not the API's.
        var management = settings.GetValueOrDefault("Metrics:Url");
        var address = app.Urls.Single(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && url != management);
        return new ApiHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
