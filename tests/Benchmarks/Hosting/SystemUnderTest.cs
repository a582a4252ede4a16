using System.Diagnostics;
using PrivateLending.TestSupport;

namespace PrivateLending.Benchmarks.Hosting;

/// <summary>
/// The whole system on free loopback ports, started the way run.sh starts it: dynalite (temp data dir), one silo
/// (DynamoDB grain storage, dashboard + /metrics), the API. Per-user rate limits are raised so that they never
/// answer 429 during a benchmark.
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly ProcessHost _host;
    private readonly string _repoRoot;
    private readonly string _dataDirectory;
    private readonly string _siloDll;
    private readonly string _apiDll;
    private readonly string _signingKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private SystemUnderTest(ProcessHost host, string repoRoot, string workDirectory)
    {
        ApiEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        SiloEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        _host = host;
        _repoRoot = repoRoot;
        _dataDirectory = Path.Combine(workDirectory, "dynamodb");
        Directory.CreateDirectory(_dataDirectory);
        _siloDll = Path.Combine(repoRoot, "src/Silo/bin/Release/net10.0/PrivateLending.Silo.dll");
        _apiDll = Path.Combine(repoRoot, "src/Api/bin/Release/net10.0/PrivateLending.Api.dll");
        DynamoDbPort = LoopbackPorts.FreePort();
        SiloPort = LoopbackPorts.FreePort();
        GatewayPort = LoopbackPorts.FreePort();
        DashboardPort = LoopbackPorts.FreePort();
        ApiPort = LoopbackPorts.FreePort();
    }

    /// <summary>Extra environment (after the defaults, so it can override them).</summary>
    public Dictionary<string, string> ApiEnvironment { get; }

    public Dictionary<string, string> SiloEnvironment { get; }

    public int DynamoDbPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int DashboardPort { get; }

    public int ApiPort { get; }

    public Uri DynamoDbUrl => new($"http://127.0.0.1:{DynamoDbPort}");

    public Uri ApiUrl => new($"http://127.0.0.1:{ApiPort}");

    public Uri MetricsUrl => new($"http://127.0.0.1:{DashboardPort}/metrics");

    public ChildProcess? DynamoDb { get; private set; }

    public ChildProcess? Silo { get; private set; }

    public ChildProcess? Api { get; private set; }

    /// <summary>Silos started by <see cref="AddSiloAsync"/> (the cluster scenario), joining the first through DynamoDB membership.</summary>
    public List<ChildProcess> ExtraSilos { get; } = [];

    /// <summary>
    /// Starts one more silo on its own ports, in the same cluster (DynamoDB membership is the silo's default), and
    /// waits for its gateway. The API finds it in the membership table when it uses DynamoDB clustering.
    /// </summary>
    public async Task AddSiloAsync(CancellationToken cancellationToken)
    {
        var (siloPort, gatewayPort, dashboardPort) = (LoopbackPorts.FreePort(), LoopbackPorts.FreePort(), LoopbackPorts.FreePort());
        var environment = SiloDefaults(siloPort, gatewayPort, dashboardPort);
        // The dashboard runs on the first silo only.
        environment["Dashboard__Enabled"] = "false";
        var silo = _host.Start($"silo-{ExtraSilos.Count + 2}", _repoRoot, environment, "dotnet", _siloDll);
        ExtraSilos.Add(silo);
        await WaitUntilAsync(silo, TimeSpan.FromSeconds(120), () => LoopbackPorts.IsListeningAsync(gatewayPort), cancellationToken, "gateway");
    }

    public static async Task<SystemUnderTest> StartAsync(
        string repoRoot, string workDirectory, bool build, bool ours, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var host = new ProcessHost(Path.Combine(workDirectory, "logs"));
        var system = new SystemUnderTest(host, repoRoot, workDirectory);
        foreach (var (key, value) in options.ApiEnvironment)
        {
            system.ApiEnvironment[key] = value;
        }

        foreach (var (key, value) in options.SiloEnvironment)
        {
            system.SiloEnvironment[key] = value;
        }

        // Documents go to a local S3 server of the run's own; the API's per-user upload limit would cap the load.
        if (options.Scenarios.Contains("documents"))
        {
            system.S3 = await S3Server.StartAsync(cancellationToken);
            foreach (var environment in new[] { system.ApiEnvironment, system.SiloEnvironment })
            {
                foreach (var (key, value) in system.S3.Settings("bench-documents"))
                {
                    environment.TryAdd(key.Replace(":", "__", StringComparison.Ordinal), value!);
                }
            }

            system.ApiEnvironment.TryAdd("Documents__UploadsPerMinute", "100000000");
        }

        // With several silos the API must find every gateway in the membership table, not only the first silo's.
        if (options.Scenarios.Contains("cluster"))
        {
            system.ApiEnvironment.TryAdd("Cluster__Mode", "DynamoDb");
        }

        try
        {
            await system.PrepareAsync(build && ours, ours, cancellationToken);
            await system.StartDynamoDbAsync(cancellationToken);
            if (ours)
            {
                await system.StartSiloAsync(cancellationToken);
                await system.StartApiAsync(cancellationToken);
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the silo and starts it again on the same ports: every grain is then inactive (cold).</summary>
    public async Task RestartSiloAsync(CancellationToken cancellationToken)
    {
        if (Silo is not null)
        {
            _host.Stop(Silo, TimeSpan.FromSeconds(20));
            Silo = null;
        }

        await StartSiloAsync(cancellationToken);
        if (!await WaitForApiReadyAsync(TimeSpan.FromSeconds(60), cancellationToken))
        {
            Console.WriteLine("  the API did not reconnect to the restarted silo within 60 s; restarting the API too");
            if (Api is not null)
            {
                _host.Stop(Api, TimeSpan.FromSeconds(10));
                Api = null;
            }

            await StartApiAsync(cancellationToken);
        }
    }

    public IReadOnlyDictionary<string, TimeSpan> CpuTimes() => new Dictionary<string, TimeSpan>
    {
        ["dynalite"] = DynamoDb?.CpuTime() ?? TimeSpan.Zero,
        ["silo"] = Silo?.CpuTime() ?? TimeSpan.Zero,
        ["api"] = Api?.CpuTime() ?? TimeSpan.Zero,
        ["bench"] = Process.GetCurrentProcess().TotalProcessorTime,
        [MachineCpu] = MachineBusyTime(),
    };

    /// <summary>Key of the whole machine's busy CPU time in <see cref="CpuTimes"/> (all processes, ours or not).</summary>
    public const string MachineCpu = "machine";

    /// <summary>Busy CPU time of the whole machine since boot, from the first line of /proc/stat.</summary>
    public static TimeSpan MachineBusyTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait. USER_HZ is 100.
            var busy = fields.Take(8).Sum() - fields[3] - fields[4];
            return TimeSpan.FromMilliseconds(busy * 10);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The local S3 server, when a scenario needs one.</summary>
    public S3Server? S3 { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        _host.Dispose();
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }
    }

    private async Task PrepareAsync(bool build, bool ours, CancellationToken cancellationToken)
    {
        // The tests' installer: npm ci of the pinned dynalite, at most once across processes.
        await DynaliteInstaller.EnsureInstalledAsync(cancellationToken);

        if (build)
        {
            foreach (var project in new[] { "src/Silo/Silo.csproj", "src/Api/Api.csproj" })
            {
                Console.WriteLine($"  dotnet build -c Release {project}");
                await RunToEndAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "quiet"], cancellationToken);
            }
        }

        foreach (var dll in ours ? new[] { _siloDll, _apiDll } : [])
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build Release first (or drop --no-build)");
            }
        }
    }

    private async Task RunToEndAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = _repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):{Environment.NewLine}{await output}{await error}");
        }
    }

    private async Task StartDynamoDbAsync(CancellationToken cancellationToken)
    {
        DynamoDb = _host.Start("dynalite", _repoRoot, new Dictionary<string, string>(),
            "node", DynaliteInstaller.CliPath,
            "--host", "127.0.0.1", "--port", DynamoDbPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--path", _dataDirectory);
        await WaitUntilAsync(DynamoDb, TimeSpan.FromSeconds(30), () => LoopbackPorts.IsListeningAsync(DynamoDbPort), cancellationToken);
    }

    private async Task StartSiloAsync(CancellationToken cancellationToken)
    {
        var environment = SiloDefaults(SiloPort, GatewayPort, DashboardPort);
        Silo = _host.Start("silo", _repoRoot, environment, "dotnet", _siloDll);
        var silo = Silo;
        await WaitUntilAsync(silo, TimeSpan.FromSeconds(120), () => LoopbackPorts.IsListeningAsync(GatewayPort), cancellationToken, "gateway");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(silo, TimeSpan.FromSeconds(60), async () =>
        {
            try
            {
                using var response = await http.GetAsync(MetricsUrl, cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A silo still starting on a loaded machine may take longer than one probe's time-out: probe again.
                return false;
            }
        }, cancellationToken, "/metrics");
    }

    private Dictionary<string, string> SiloDefaults(int siloPort, int gatewayPort, int dashboardPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["DynamoDb__ServiceUrl"] = DynamoDbUrl.ToString().TrimEnd('/'),
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__AccessKey"] = "local",
            ["DynamoDb__SecretKey"] = "local",
            ["Cluster__SiloPort"] = Invariant(siloPort),
            ["Cluster__GatewayPort"] = Invariant(gatewayPort),
            ["Dashboard__Host"] = "127.0.0.1",
            ["Dashboard__Port"] = Invariant(dashboardPort),
            // Accounts must verify their email before they may invite or answer: seeding reads the links here.
            ["Mail__Enabled"] = "true",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = Invariant(TestSmtpServer.Shared.Port),
            ["Mail__From"] = "PrivateLending <no-reply@example.com>",
            // Seeding makes thousands of invitations from a few borrowers to a few dozen lenders: the daily quotas that
            // protect third parties would refuse it, and a capped mail is work the measured path then skips.
            ["Invitations__DailyPerSender"] = "10000000",
            ["Invitations__DailyMailsPerRecipient"] = "10000000",
        };
        foreach (var (key, value) in SiloEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task StartApiAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiPort}",
            ["Cluster__GatewayPort"] = Invariant(GatewayPort),
            ["Cluster__SiloPort"] = Invariant(SiloPort),
            ["DynamoDb__ServiceUrl"] = DynamoDbUrl.ToString().TrimEnd('/'),
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__AccessKey"] = "local",
            ["DynamoDb__SecretKey"] = "local",
            // A benchmark drives far more than a person: per-user limits would answer 429 and measure the limiter.
            // 100,000 requests/s per user is far above what one user reaches here (the whole system serves a few thousand).
            ["RateLimiting__PermitsPerSecond"] = "100000",
            ["RateLimiting__Burst"] = "100000",
            ["RateLimiting__LoginPermitsPerMinute"] = "10000",
            // Seeding registers and signs in thousands of users from one address.
            ["RateLimiting__AuthPermitsPerMinute"] = "1000000",
            // A fixed key for the run: tokens issued before an API restart stay valid after it.
            ["Jwt__SigningKey"] = _signingKey,
        };
        foreach (var (key, value) in ApiEnvironment)
        {
            environment[key] = value;
        }

        Api = _host.Start("api", _repoRoot, environment, "dotnet", _apiDll);
        var api = Api;
        await WaitUntilAsync(api, TimeSpan.FromSeconds(120), () => IsApiReadyAsync(cancellationToken), cancellationToken);
    }

    private async Task<bool> WaitForApiReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await IsApiReadyAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private async Task<bool> IsApiReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(ApiUrl, "/health/ready"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(ChildProcess child, TimeSpan timeout, Func<Task<bool>> condition, CancellationToken cancellationToken, string what = "")
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"{child.Name} exited during start-up; last lines of {child.LogPath}:{Environment.NewLine}{child.Tail()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{child.Name} was not ready within {timeout.TotalSeconds:0} s; last lines of {child.LogPath}:{Environment.NewLine}{child.Tail()}");
            }

            await Task.Delay(250, cancellationToken);
        }

        Console.WriteLine($"  {child.Name} {what}{(what.Length > 0 ? " " : "")}ready after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
