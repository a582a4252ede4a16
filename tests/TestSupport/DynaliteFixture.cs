using Amazon.DynamoDBv2;

namespace PrivateLending.TestSupport;

/// <summary>One dynalite shared by the tests of an xunit collection; each test should use its own table or keys.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    public DynaliteServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public string ServiceUrl => Server.ServiceUrl;

    public AmazonDynamoDBClient CreateClient() => Server.CreateClient();

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTableName(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _server = await DynaliteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
