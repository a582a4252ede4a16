using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PrivateLending.Benchmarks;
using PrivateLending.Benchmarks.Baseline;
using PrivateLending.Benchmarks.Hosting;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Scenarios;
using PrivateLending.Benchmarks.Seeding;
using PrivateLending.TestSupport;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop measuring and shut everything down cleanly (the finally blocks kill the children).
    e.Cancel = true;
    Console.WriteLine("cancelling: stopping the processes this run started …");
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var repoRoot = RepoPaths.Root;
if (options.CompareWith is not null)
{
    return await Comparison.RunAsync(options, args, repoRoot, cancellation.Token);
}

var systemRoot = options.SystemRoot ?? repoRoot;
var workDirectory = Path.Combine(Path.GetTempPath(), "privatelending-bench-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(workDirectory);
var run = RunInfo(options, systemRoot);
Console.WriteLine($"PrivateLending benchmark — scenarios: {string.Join(", ", options.Scenarios)}; {options.Concurrency} clients; " +
    $"{options.WarmupSeconds} s warm-up + {options.DurationSeconds} s measured{(options.Smoke ? " (smoke)" : "")}");
Console.WriteLine($"  machine: {run["cores"]} cores, {run["memory"]}, {run["cpu"]}, {run["dotnet"]}; work dir {workDirectory}");

var results = new List<ScenarioResult>();
var failures = new List<string>();
var clock = Stopwatch.StartNew();
try
{
    Console.WriteLine(options.BaselineOnly ? "starting dynalite (baseline only)" : "starting dynalite, the silo and the API");
    await using var system = await SystemUnderTest.StartAsync(systemRoot, workDirectory, options.Build, !options.BaselineOnly, options, cancellation.Token);
    Console.WriteLine($"  dynalite :{system.DynamoDbPort}  silo :{system.SiloPort}  gateway :{system.GatewayPort}  dashboard :{system.DashboardPort}  api :{system.ApiPort}");

    using var seedHttp = LoadRunner.CreateClient(options.SeedConcurrency, compression: false);
    var api = new ApiClient(seedHttp, system.ApiUrl);
    var counters = new PrometheusStorageCounters(seedHttp, system.MetricsUrl);

    using var dynamo = new CountingDynamoDb(system.DynamoDbUrl);
    SeedBaselineServer? baseline = null;
    SeedTables? tables = null;
    if (options.Baseline)
    {
        tables = new SeedTables(dynamo);
        await tables.CreateAsync(cancellation.Token);
        baseline = new SeedBaselineServer(dynamo, LoopbackPorts.FreePort());
        await baseline.StartAsync();
        Console.WriteLine($"  seed baseline on {baseline.BaseUrl} (tables seed_* in the same dynalite)");
    }

    try
    {
        var context = new BenchContext(options, system, api, counters, baseline, tables, cancellation.Token);
        foreach (var scenario in options.Scenarios.Distinct())
        {
            Console.WriteLine();
            Console.WriteLine($"== {scenario} ({clock.Elapsed.TotalMinutes:0.0} min into the run)");
            try
            {
                var regressionsBefore = await counters.RegressionsAsync(cancellation.Token);
                var scenarioResults = scenario switch
                {
                    "http-noop" => await HttpNoopScenario.RunAsync(context),
                    "get-me" => await HttpNoopScenario.RunGetMeAsync(context),
                    "my-loans" => await MyLoansScenario.RunAsync(context),
                    "add-lenders" => await AddLendersScenario.RunAsync(context),
                    "accept" => await AcceptScenario.RunAsync(context),
                    "mixed" => await MixedScenario.RunAsync(context),
                    "hot-loan" => await HotLoanScenario.RunAsync(context),
                    "scale" => await ScaleScenario.RunAsync(context),
                    "sse-fanout" => await SseFanoutScenario.RunAsync(context),
                    "cluster" => await ClusterScenario.RunAsync(context),
                    "history" => await HistoryScenario.RunAsync(context),
                    "repay" => await RepayScenario.RunAsync(context),
                    "documents" => await DocumentsScenario.RunAsync(context),
                    _ => throw new ArgumentException($"unknown scenario {scenario}"),
                };
                foreach (var result in scenarioResults)
                {
                    Report.PrintOne(result);
                    results.Add(result);
                    if (result.FailedCheck is { } failedCheck)
                    {
                        failures.Add($"{result.Scenario}: {failedCheck}");
                        Console.WriteLine($"  FAILED {result.Scenario}: {failedCheck}");
                    }
                }

                // Regressions outside the measured windows (seeding, read-back checks) fail the scenario too.
                var outsideWindows = PrometheusStorageCounters.Since(regressionsBefore, await counters.RegressionsAsync(cancellation.Token))
                                     - scenarioResults.Sum(r => r.Extra.TryGetValue("storage_regressions", out var n) ? (double)n : 0);
                if (outsideWindows > 0)
                {
                    failures.Add($"{scenario}: {outsideWindows} storage regressions outside the measured windows");
                    Console.WriteLine($"  FAILED {scenario}: {outsideWindows} storage regressions outside the measured windows (the store returned an item older than an acknowledged write)");
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TimeoutException or Amazon.Runtime.AmazonServiceException)
            {
                failures.Add($"{scenario}: {exception.Message}");
                Console.WriteLine($"  FAILED {scenario}: {exception.Message}");
                if (system.Silo?.HasExited == true || system.Api?.HasExited == true)
                {
                    Console.WriteLine("  a process of the system has exited; stopping");
                    break;
                }
            }

            // Let background work (deactivations, index writes) settle between scenarios.
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 2), cancellation.Token);
        }
    }
    finally
    {
        if (baseline is not null)
        {
            await baseline.DisposeAsync();
        }
    }
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    failures.Add("cancelled");
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException)
{
    failures.Add(exception.Message);
    Console.Error.WriteLine(exception.Message);
}
finally
{
    if (!options.KeepWorkDir)
    {
        TryDelete(workDirectory);
    }
    else
    {
        Console.WriteLine($"kept {workDirectory}");
    }
}

Console.WriteLine();
Console.WriteLine($"== results ({clock.Elapsed.TotalMinutes:0.0} min)");
Console.WriteLine(Report.Markdown(results));
run["elapsed_minutes"] = Math.Round(clock.Elapsed.TotalMinutes, 2);
run["failures"] = failures;
if (options.JsonPath is not null)
{
    Report.WriteJson(options.JsonPath, results, run);
    Console.WriteLine($"wrote {options.JsonPath}");
}

if (options.MarkdownPath is not null)
{
    await File.WriteAllTextAsync(options.MarkdownPath, Report.Markdown(results));
    Console.WriteLine($"wrote {options.MarkdownPath}");
}

if (options.Smoke)
{
    var bad = results.Where(r => r.Requests == 0 || r.Errors > 0 || (r.Baseline is { } b && (b.Requests == 0 || b.Errors > 0))).Select(r => r.Scenario).ToList();
    var passed = results.Count - bad.Count;
    Console.WriteLine($"smoke: {passed} runs ok, {bad.Count + failures.Count} failed{(bad.Count > 0 ? " (" + string.Join(", ", bad) + ")" : "")}");
    return bad.Count == 0 && failures.Count == 0 ? 0 : 1;
}

return failures.Count == 0 ? 0 : 1;

static Dictionary<string, object> RunInfo(BenchmarkOptions options, string repoRoot)
{
    static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    var cpu = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
    var memKb = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    var memory = memKb is null ? "unknown" : FormattableString.Invariant($"{long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB");
    string commit;
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true });
        commit = git?.StandardOutput.ReadToEnd().Trim() ?? "unknown";
        git?.WaitForExit();
    }
    catch (System.ComponentModel.Win32Exception)
    {
        commit = "unknown";
    }

    return new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["started_at"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
        ["cores"] = Environment.ProcessorCount,
        ["memory"] = memory,
        ["cpu"] = cpu,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["commit"] = commit,
        ["scenarios"] = options.Scenarios,
        ["concurrency"] = options.Concurrency,
        ["duration_s"] = options.DurationSeconds,
        ["warmup_s"] = options.WarmupSeconds,
        ["smoke"] = options.Smoke,
        ["compression"] = options.Compression,
        ["api_env"] = options.ApiEnvironment,
        ["silo_env"] = options.SiloEnvironment,
    };
}

static void TryDelete(string directory)
{
    try
    {
        Directory.Delete(directory, recursive: true);
    }
    catch (IOException)
    {
    }
    catch (UnauthorizedAccessException)
    {
    }
}
