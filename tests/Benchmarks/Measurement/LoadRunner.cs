using System.Diagnostics;
using System.Net;

namespace PrivateLending.Benchmarks.Measurement;

/// <summary>One request a worker sends, with the name of the operation it belongs to (for per-operation figures).</summary>
internal readonly record struct PlannedRequest(string Operation, HttpRequestMessage Message, Action<HttpStatusCode, byte[]>? OnResponse = null);

/// <summary>
/// Supplies a worker's next request; null ends that worker (e.g. a pool of one-shot requests is exhausted).
/// Called concurrently from every worker.
/// </summary>
internal delegate PlannedRequest? RequestSource(int worker, Random random);

/// <summary>What a run measured, before storage counters and CPU are attached.</summary>
internal sealed record LoadResult(
    long Requests,
    long Successes,
    long Errors,
    double ElapsedSeconds,
    double[] LatenciesMs,
    IReadOnlyDictionary<string, double[]> LatenciesByOperation,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    StorageSnapshot Storage,
    IReadOnlyDictionary<string, TimeSpan> CpuByProcess);

/// <summary>
/// Closed-loop load: N workers each send one request, read the whole body, and send the next. A warm-up runs
/// first (nothing recorded); then requests that complete inside the measured window are recorded: latency from
/// just before SendAsync to the last byte of the body, per worker, merged and sorted afterwards (exact percentiles).
/// Storage counters and per-process CPU time are read at the window's start and end.
/// </summary>
internal static class LoadRunner
{
    private static readonly TimeSpan ScrapeCacheGuard = TimeSpan.FromSeconds(1.2);

    public static HttpClient CreateClient(int concurrency, bool compression) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(concurrency, 1) + 8,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = compression ? DecompressionMethods.GZip | DecompressionMethods.Brotli : DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<LoadResult> RunAsync(
        HttpClient http,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        RequestSource source,
        IStorageCounterSource? storage,
        Func<IReadOnlyDictionary<string, TimeSpan>> cpu,
        CancellationToken cancellationToken,
        Action? onWindowStart = null)
    {
        var clock = Stopwatch.StartNew();
        var measureStart = warmup;
        var measureEnd = warmup + duration;
        var workers = new Worker[concurrency];
        var logged = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = new Worker(i, logged);
        }

        var tasks = workers.Select(worker => Task.Run(() => worker.RunAsync(http, source, clock, measureStart, measureEnd, cancellationToken), cancellationToken)).ToArray();
        var allDone = Task.WhenAll(tasks);

        // Storage counters and CPU at the window's start and end, read by a side task so no worker waits on them.
        // The end reading is taken at the window's end (or when every worker has run out of work), not after the
        // requests still in flight have finished, so counters and completions cover the same interval.
        async Task<(StorageSnapshot Counters, IReadOnlyDictionary<string, TimeSpan> Cpu, TimeSpan At)> SnapshotAt(TimeSpan at)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(wait, cancellationToken), allDone);
            }

            var cpuNow = cpu();
            var counters = storage is null ? StorageSnapshot.Empty : await storage.ReadAsync(cancellationToken);
            return (counters, cpuNow, clock.Elapsed);
        }

        var window = Task.Run(async () =>
        {
            var start = await SnapshotAt(measureStart);
            onWindowStart?.Invoke();
            var end = await SnapshotAt(measureEnd);
            if (end.At - start.At < ScrapeCacheGuard)
            {
                // The silo's Prometheus exporter caches a scrape for a few hundred milliseconds: a second scrape
                // that soon would repeat the first. Short runs (a pool used up early) wait, then read again.
                await Task.Delay(ScrapeCacheGuard - (end.At - start.At), cancellationToken);
                end = (storage is null ? StorageSnapshot.Empty : await storage.ReadAsync(cancellationToken), end.Cpu, end.At);
            }

            return (start, end);
        }, cancellationToken);

        await allDone;
        var (before, after) = await window;
        var windowEnd = after.At < measureEnd ? Max(workers.Max(w => w.LastCompletion), measureStart) : measureEnd;

        var all = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(all);
        var byOperation = workers
            .SelectMany(w => w.ByOperation)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var values = g.SelectMany(pair => pair.Value).ToArray();
                Array.Sort(values);
                return values;
            }, StringComparer.Ordinal);
        var errorsByStatus = workers
            .SelectMany(w => w.ErrorsByStatus)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(pair => pair.Value), StringComparer.Ordinal);
        var cpuDelta = after.Cpu.ToDictionary(pair => pair.Key, pair => pair.Value - before.Cpu.GetValueOrDefault(pair.Key), StringComparer.Ordinal);
        var successes = workers.Sum(w => w.Successes);
        var errors = workers.Sum(w => w.Errors);
        return new LoadResult(
            successes + errors,
            successes,
            errors,
            Math.Max((windowEnd - measureStart).TotalSeconds, 0.001),
            all,
            byOperation,
            errorsByStatus,
            after.Counters.Minus(before.Counters),
            cpuDelta);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Worker(int index, System.Collections.Concurrent.ConcurrentDictionary<string, bool> logged)
    {
        private readonly Random _random = new(unchecked(index * 7919 + 17));

        public List<double> Latencies { get; } = new(4096);

        public Dictionary<string, List<double>> ByOperation { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> ErrorsByStatus { get; } = new(StringComparer.Ordinal);

        public long Successes { get; private set; }

        public long Errors { get; private set; }

        public TimeSpan LastCompletion { get; private set; }

        public async Task RunAsync(HttpClient http, RequestSource source, Stopwatch clock, TimeSpan measureStart, TimeSpan measureEnd, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            while (!cancellationToken.IsCancellationRequested && clock.Elapsed < measureEnd)
            {
                var planned = source(index, _random);
                if (planned is not { } request)
                {
                    return;
                }

                var started = clock.Elapsed;
                string? failure = null;
                HttpStatusCode status = 0;
                byte[]? body = null;
                try
                {
                    using var message = request.Message;
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    status = response.StatusCode;
                    if (request.OnResponse is not null || !response.IsSuccessStatusCode)
                    {
                        body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    }
                    else
                    {
                        // Read the whole body without keeping it: the client pays the transfer, not a parse.
                        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
                        {
                        }
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        failure = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                catch (HttpRequestException exception)
                {
                    failure = exception.HttpRequestError.ToString();
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = "timeout";
                }

                var completed = clock.Elapsed;
                if (failure is null)
                {
                    request.OnResponse?.Invoke(status, body ?? []);
                }
                else if (logged.Count < 20 && logged.TryAdd(request.Operation + ":" + failure, true))
                {
                    var text = body is null ? string.Empty : System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)));
                    Console.WriteLine($"    first {failure} on {request.Operation}: {text}");
                }

                // A request counts when it completes inside the window (whenever it started): in steady state the
                // completions and the storage calls of one interval then describe the same work.
                if (completed < measureStart || completed > measureEnd)
                {
                    continue;
                }

                LastCompletion = completed;
                if (failure is null)
                {
                    Successes++;
                    var ms = (completed - started).TotalMilliseconds;
                    Latencies.Add(ms);
                    if (!ByOperation.TryGetValue(request.Operation, out var list))
                    {
                        ByOperation[request.Operation] = list = [];
                    }

                    list.Add(ms);
                }
                else
                {
                    Errors++;
                    var key = request.Operation + ":" + failure;
                    ErrorsByStatus[key] = ErrorsByStatus.GetValueOrDefault(key) + 1;
                }
            }
        }
    }
}
