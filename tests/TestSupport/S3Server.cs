using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;

namespace PrivateLending.TestSupport;

/// <summary>
/// A real local S3 server (s3rver from deploy/local) on a free loopback port, its files in a temp folder. Dispose stops
/// it and deletes them. Started through the same watchdog as dynalite, so a killed test host leaves none behind.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    /// <summary>s3rver's built-in account: any other key is refused.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private static readonly NpmFolder DeployLocal = new(RepoPaths.DeployLocal, CliPath);
    private static readonly ConcurrentDictionary<S3Server, byte> Running = new();

    private readonly StringBuilder _output = new();
    private Process? _process;

    static S3Server() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Keys)
        {
            server.Kill();
        }
    };

    private S3Server(string dataDirectory) => DataDirectory = dataDirectory;

    /// <summary>s3rver's command-line entry point.</summary>
    public static string CliPath => Path.Combine(RepoPaths.DeployLocal, "node_modules", "s3rver", "bin", "s3rver.js");

    /// <summary>Where s3rver keeps buckets and objects (one folder per bucket).</summary>
    public string DataDirectory { get; }

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The API's and silo's settings for this server and <paramref name="bucket"/>.</summary>
    public Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["Documents:Bucket"] = bucket,
        ["Documents:ServiceUrl"] = ServiceUrl,
        ["Documents:AccessKey"] = AccessKey,
        ["Documents:SecretKey"] = SecretKey,
    };

    public static async Task<S3Server> StartAsync(CancellationToken cancellationToken = default)
    {
        await DeployLocal.EnsureInstalledAsync(cancellationToken);
        var data = Path.Combine(Path.GetTempPath(), "privatelending-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var server = new S3Server(data);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                server.Port = LoopbackPorts.FreePort();
                var reason = await server.LaunchAsync(cancellationToken);
                if (reason is null)
                {
                    return server;
                }

                server.Kill();
                if (attempt >= 4)
                {
                    throw new InvalidOperationException($"s3rver did not start: {reason}\n{server.Output()}");
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every object key in <paramref name="bucket"/> (empty when the bucket does not exist).</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string bucket)
    {
        using var client = CreateClient();
        try
        {
            var keys = new List<string>();
            string? token = null;
            do
            {
                var page = await client.ListObjectsV2Async(new() { BucketName = bucket, ContinuationToken = token });
                keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (token is not null);

            return keys;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    private async Task<string?> LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.DeployLocal,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "dynalite-watchdog.js"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            CliPath, "--silent", "--address", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--directory", DataDirectory,
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
        using var client = CreateClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                return $"node exited with code {process.ExitCode}";
            }

            try
            {
                await client.ListBucketsAsync(cancellationToken);
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or AmazonServiceException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return "it did not answer ListBuckets within 30 s";
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
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
