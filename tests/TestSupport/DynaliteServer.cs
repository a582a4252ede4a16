using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace PrivateLending.TestSupport;

/// <summary>
/// A real dynalite (local DynamoDB) on a free loopback port with its LevelDB data in a temp folder. Dispose stops it and
/// deletes the data; <see cref="RestartAsync"/> stops it and starts it again on the same data.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private readonly NodeToolProcess _tool = new("dynalite", DynaliteInstaller.CliPath);
    private int _port;

    private DynaliteServer(string dataDirectory) => DataDirectory = dataDirectory;

    /// <summary>Where dynalite keeps its LevelDB files.</summary>
    public string DataDirectory { get; }

    /// <summary>Endpoint to give an SDK client as ServiceURL, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{_port}";

    /// <summary>Installs dynalite if needed (npm ci), starts it and waits until it answers.</summary>
    public static async Task<DynaliteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        await DynaliteInstaller.EnsureInstalledAsync(cancellationToken);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "privatelending-dynalite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var server = new DynaliteServer(dataDirectory);
        try
        {
            await server.StartProcessAsync(preferredPort: null, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with dummy credentials for this server (region us-east-1).</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Kills dynalite (no graceful shutdown, as a crash would) and starts it again on the same data, on the same port when free.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        _tool.Stop();
        await StartProcessAsync(_port, cancellationToken);
    }

    /// <summary>Kills dynalite; the data stays until dispose.</summary>
    public void Stop() => _tool.Stop();

    public async ValueTask DisposeAsync()
    {
        _tool.Stop();
        for (var attempt = 0; Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100); // LevelDB files may still be closing.
            }
        }
    }

    private async Task StartProcessAsync(int? preferredPort, CancellationToken cancellationToken)
    {
        await _tool.StartAsync(
            attempt =>
            {
                _port = attempt == 0 && preferredPort is { } port ? port : LoopbackPorts.FreePort();
                return ["--host", "127.0.0.1", "--port", _port.ToString(CultureInfo.InvariantCulture), "--path", DataDirectory];
            },
            async token =>
            {
                // The port may differ between attempts, so each probe has its own client.
                using var client = CreateClient();
                await client.ListTablesAsync(new ListTablesRequest(), token);
            },
            "ListTables",
            cancellationToken);
    }
}
