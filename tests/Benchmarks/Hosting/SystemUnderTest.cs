using System.Diagnostics;
using PrivateLending.TestSupport;

namespace PrivateLending.Benchmarks.Hosting;

/// <summary>
/// The whole system on free loopback ports, started the way run.sh starts it: dynalite (temp data dir), one silo
/// (DynamoDB grain storage, dashboard + /metrics), the API. Per-user rate limits are raised so that they never
/// answer 429 during a benchmark.
/// </summary>
internal sealed partial class SystemUnderTest : IAsyncDisposable
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
}
