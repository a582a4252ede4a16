using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PrivateLending.Benchmarks.Baseline;
using PrivateLending.Benchmarks.Hosting;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>Everything a scenario needs: the running system, the seeding client, the baseline, and measuring.</summary>
internal sealed class BenchContext(
    BenchmarkOptions options,
    SystemUnderTest system,
    ApiClient api,
    PrometheusStorageCounters counters,
    SeedBaselineServer? baseline,
    SeedTables? tables,
    CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<string, BenchUser> _users = new(StringComparer.Ordinal);
    private int _nameCounter;

    public BenchmarkOptions Options { get; } = options;

    public SystemUnderTest System { get; } = system;

    public ApiClient Api { get; } = api;

    public SeedBaselineServer? Baseline { get; } = baseline;

    public SeedTables? Tables { get; } = tables;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Makes every e-mail of this run unique, so runs against a kept data directory never collide.</summary>
    public string RunTag { get; } = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>False with --baseline-only: no silo and no API are running.</summary>
    public bool Ours => !Options.BaselineOnly;

    public TimeSpan Warmup => TimeSpan.FromSeconds(Options.WarmupSeconds);

    public TimeSpan Duration => TimeSpan.FromSeconds(Options.DurationSeconds);

    public string Email(string role, int index) =>
        FormattableString.Invariant($"{role}{index}.{RunTag}@bench.example");

    public string UniqueEmail(string role) => Email(role, Interlocked.Increment(ref _nameCounter));

    /// <summary>Registers (and logs in) users, SeedConcurrency at a time; reuses those registered before.</summary>
    public async Task<BenchUser[]> UsersAsync(string role, int count, string name)
    {
        var users = new BenchUser[count];
        await ForEachAsync(Enumerable.Range(0, count), async (i, ct) =>
        {
            var email = Email(role, i);
            if (!_users.TryGetValue(email, out var user))
            {
                user = await Api.RegisterAndLoginAsync(email, FormattableString.Invariant($"{name} {i}"), ct);
                _users[email] = user;
            }

            users[i] = user;
        });
        return users;
    }

    public Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Options.SeedConcurrency, CancellationToken = CancellationToken }, body);

    /// <summary>Runs a step and prints how long it took and at which rate.</summary>
    public static async Task<T> TimedAsync<T>(string what, int operations, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        var result = await step();
        Console.WriteLine(FormattableString.Invariant(
            $"    {what}: {operations} API calls in {clock.Elapsed.TotalSeconds:0.0} s ({operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001):0} calls/s)"));
        return result;
    }

    public static async Task TimedAsync(string what, int operations, Func<Task> step) =>
        await TimedAsync(what, operations, async () =>
        {
            await step();
            return true;
        });

    /// <summary>Measures our API (storage counters from the silo's /metrics).</summary>
    public async Task<ScenarioResult> MeasureOursAsync(string scenario, RequestSource source, int? concurrency = null, TimeSpan? warmup = null, TimeSpan? duration = null)
    {
        if (Options.TraceDirectory is null)
        {
            return await MeasureAsync(scenario, source, counters, concurrency, warmup, duration);
        }

        var sampler = new StackSampler(Options.TraceTool, Options.TraceDirectory);
        var window = duration ?? Duration;
        var result = await MeasureAsync(scenario, source, counters, concurrency, warmup, duration, () => sampler.Start(scenario, window,
            [("api", System.Api?.Id ?? 0), ("silo", System.Silo?.Id ?? 0)]));
        await sampler.FinishAsync(CancellationToken);
        return result;
    }

    /// <summary>Measures the seed baseline (DynamoDB calls counted by its client).</summary>
    public Task<ScenarioResult> MeasureBaselineAsync(string scenario, RequestSource source, int? concurrency = null, TimeSpan? warmup = null, TimeSpan? duration = null) =>
        MeasureAsync(scenario, source, Tables?.Dynamo, concurrency, warmup, duration);

    private async Task<ScenarioResult> MeasureAsync(
        string scenario, RequestSource source, IStorageCounterSource? storage, int? concurrency, TimeSpan? warmup, TimeSpan? duration, Action? onWindowStart = null)
    {
        var clients = concurrency ?? Options.Concurrency;

        // Quiet first: wait (up to 10 s) until our processes use < 0.15 cores with no load, so background work left
        // over from seeding or a restart (activations, index writes, tiered JIT) is not billed to the requests.
        // The last idle second is reported; "machine" in it is every process on the machine, ours or not.
        var idle = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var idleBefore = System.CpuTimes();
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken);
            var idleAfter = System.CpuTimes();
            idle.Clear();
            foreach (var (process, time) in idleAfter)
            {
                idle[process] = Math.Round((time - idleBefore.GetValueOrDefault(process)).TotalSeconds, 2);
            }

            if (idle.Where(p => p.Key is "silo" or "api" or "dynalite").Sum(p => p.Value) < 0.15)
            {
                break;
            }
        }

        using var http = LoadRunner.CreateClient(clients, Options.Compression);
        var load = await LoadRunner.RunAsync(http, clients, warmup ?? Warmup, duration ?? Duration, source, storage, System.CpuTimes, CancellationToken, onWindowStart);
        var result = ScenarioResult.From(scenario, clients, load, storage is not null, storage is PrometheusStorageCounters);
        result.Extra["idle_cpu_cores_before"] = idle;
        Console.WriteLine(Report.Line(result));
        return result;
    }
}
