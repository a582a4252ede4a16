using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
    // Servers still running, killed when the test host exits normally; the watchdog script covers a host that is killed.
    private static readonly ConcurrentDictionary<DynaliteServer, byte> Running = new();

    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _port;

    static DynaliteServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Keys)
        {
            server.Kill();
        }
    };

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
        Kill();
        await StartProcessAsync(_port, cancellationToken);
    }

    /// <summary>Kills dynalite; the data stays until dispose.</summary>
    public void Stop() => Kill();

    public async ValueTask DisposeAsync()
    {
        Kill();
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
        // Picking a free port then binding it is racy; a lost race shows as dynalite exiting, and we try another port.
        for (var attempt = 0; ; attempt++)
        {
            _port = attempt == 0 && preferredPort is { } port ? port : FreePort();
            var started = Launch();
            var reason = await WaitUntilAnsweringAsync(started, cancellationToken);
            if (reason is null)
            {
                return;
            }

            Kill();
            if (attempt >= 4)
            {
                throw new InvalidOperationException($"dynalite did not start: {reason}\n{Output()}");
            }
        }
    }

    private Process Launch()
    {
        var watchdog = Path.Combine(AppContext.BaseDirectory, "dynalite-watchdog.js");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.DeployLocal,
        };
        foreach (var arg in new[]
        {
            watchdog, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), DynaliteInstaller.CliPath,
            "--host", "127.0.0.1", "--port", _port.ToString(CultureInfo.InvariantCulture), "--path", DataDirectory,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node; is Node.js installed?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Running[this] = 0;
        return process;
    }

    /// <returns>Null once ListTables succeeds; otherwise why dynalite is not usable.</returns>
    private async Task<string?> WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                return $"node exited with code {process.ExitCode}";
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                await client.ListTablesAsync(new ListTablesRequest(), attempt.Token);
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or AmazonServiceException
                                       && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return "it did not answer ListTables within 30 s";
    }

    private void Kill()
    {
        Running.TryRemove(this, out _);
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
