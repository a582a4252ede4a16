using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PrivateLending.Benchmarks.Hosting;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// sse-fanout: N open event streams (GET /api/v1/loans/{id}/events) watch loans while lenders accept. Each loan
/// has its own borrower watched by <see cref="WatchersPerLoan"/> connections (the per-user default limit) and
/// <see cref="LendersPerLoan"/> pending invitations. Reports the accept latency, the delay from each accept's
/// answer to each watcher's funding event (p50/p99; negative when the event beat the answer), and the silo's and
/// API's CPU per delivered event.
/// </summary>
internal static class SseFanoutScenario
{
    public const int WatchersPerLoan = 10;
    public const int LendersPerLoan = 10;
    public const int AcceptWorkers = 8;
    public const decimal Contribution = 100m;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var ct = context.CancellationToken;
        var loanCount = Math.Max(1, context.Options.SseConnections / WatchersPerLoan);
        Console.WriteLine($"  seeding: {loanCount} loans (one borrower each) × {LendersPerLoan} invitations; {loanCount * WatchersPerLoan} watchers");
        var borrowers = await context.UsersAsync("watcher", loanCount, "Watcher");
        var lenders = await context.UsersAsync("fanlender", LendersPerLoan * 4, "Fan Lender");
        var byEmail = lenders.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        var loans = new (string LoanId, List<Invitation> Invitations)[loanCount];
        await BenchContext.TimedAsync($"create {loanCount} loans", loanCount, () =>
            context.ForEachAsync(Enumerable.Range(0, loanCount), async (n, token) =>
            {
                var chosen = Enumerable.Range(0, LendersPerLoan).Select(k => lenders[(n + k) % lenders.Length]);
                loans[n] = await context.Api.CreateLoanAsync(borrowers[n], Contribution * LendersPerLoan,
                    FormattableString.Invariant($"Watched loan {n}"), chosen.Select(l => (l.Email, Contribution)), token);
            }));

        // Let the creation's index updates and account links settle, so their versions are not counted.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        using var http = LoadRunner.CreateClient(loanCount * WatchersPerLoan, compression: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        // (loan, version) → arrival times at each watcher, in stopwatch milliseconds.
        var arrivals = new ConcurrentDictionary<(string, long), ConcurrentBag<double>>();
        var ready = new CountdownEvent(loanCount * WatchersPerLoan);
        var watchers = new List<Task>();
        for (var n = 0; n < loanCount; n++)
        {
            for (var w = 0; w < WatchersPerLoan; w++)
            {
                watchers.Add(WatchAsync(context, http, borrowers[n], loans[n].LoanId, clock, arrivals, ready, stop.Token));
            }
        }

        if (!await Task.Run(() => ready.Wait(TimeSpan.FromSeconds(60), ct), ct))
        {
            throw new TimeoutException($"only {ready.InitialCount - ready.CurrentCount} of {ready.InitialCount} event streams opened");
        }

        var pool = new ConcurrentQueue<(Invitation Invitation, BenchUser Lender)>();
        for (var k = 0; k < LendersPerLoan; k++)
        {
            foreach (var loan in loans)
            {
                pool.Enqueue((loan.Invitations[k], byEmail[loan.Invitations[k].LenderEmail]));
            }
        }

        var answers = new ConcurrentBag<(string LoanId, long Version, double AnsweredMs, double LatencyMs)>();
        var errors = 0L;
        var cpuBefore = context.System.CpuTimes();
        var window = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, AcceptWorkers).Select(_ => Task.Run(async () =>
        {
            while (pool.TryDequeue(out var item))
            {
                var sent = clock.Elapsed.TotalMilliseconds;
                try
                {
                    var answer = await context.Api.SendAsync(HttpMethod.Post,
                        $"/api/v1/loans/{item.Invitation.LoanId}/participants/{item.Invitation.ParticipantId}/accept",
                        item.Lender.Authorization, ApiClient.AchBody(item.Lender.Name), ct);
                    var answered = clock.Elapsed.TotalMilliseconds;
                    var version = answer?["loan_version"]?.GetValue<long>() ?? -1;
                    answers.Add((item.Invitation.LoanId, version, answered, answered - sent));
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)));
        var acceptSeconds = window.Elapsed.TotalSeconds;

        // Wait (up to 10 s) for every watcher to get every acceptance.
        var expected = answers.Count * WatchersPerLoan;
        var deadline = Stopwatch.StartNew();
        while (Delivered(arrivals, answers) < expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, ct);
        }

        var cpuAfter = context.System.CpuTimes();
        await stop.CancelAsync();
        await Task.WhenAll(watchers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var delays = answers
            .SelectMany(a => arrivals.TryGetValue((a.LoanId, a.Version), out var times) ? times.Select(t => t - a.AnsweredMs) : [])
            .Order().ToArray();
        var latencies = answers.Select(a => a.LatencyMs).Order().ToArray();
        var delivered = delays.Length;
        var result = new ScenarioResult
        {
            Scenario = "sse-fanout",
            Requests = answers.Count,
            ThroughputRps = answers.Count / Math.Max(acceptSeconds, 0.001),
            P50Ms = Percentile(latencies, 50),
            P95Ms = Percentile(latencies, 95),
            P99Ms = Percentile(latencies, 99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            Errors = Interlocked.Read(ref errors),
            Concurrency = AcceptWorkers,
            ElapsedSeconds = acceptSeconds,
        };
        result.Extra["sse_connections"] = loanCount * WatchersPerLoan;
        result.Extra["events_expected"] = expected;
        result.Extra["events_delivered"] = delivered;
        result.Extra["event_delay_p50_ms"] = Math.Round(Percentile(delays, 50), 1);
        result.Extra["event_delay_p99_ms"] = Math.Round(Percentile(delays, 99), 1);
        result.Extra["event_delay_max_ms"] = Math.Round(delays.Length == 0 ? 0 : delays[^1], 1);
        var cpu = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var process in new[] { "silo", "api" })
        {
            var used = cpuAfter.GetValueOrDefault(process) - cpuBefore.GetValueOrDefault(process);
            cpu[process] = delivered == 0 ? 0 : Math.Round(used.TotalMilliseconds / delivered, 3);
        }

        result.Extra["cpu_ms_per_delivered_event"] = cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sse-fanout: {answers.Count} accepts, {delivered}/{expected} events to {loanCount * WatchersPerLoan} streams; delay p50 {result.Extra["event_delay_p50_ms"]} ms, p99 {result.Extra["event_delay_p99_ms"]} ms; CPU/event silo {cpu["silo"]} ms, api {cpu["api"]} ms"));
        return [result];
    }

    private static long Delivered(
        ConcurrentDictionary<(string, long), ConcurrentBag<double>> arrivals,
        ConcurrentBag<(string LoanId, long Version, double AnsweredMs, double LatencyMs)> answers) =>
        answers.Sum(a => arrivals.TryGetValue((a.LoanId, a.Version), out var times) ? (long)times.Count : 0);

    /// <summary>One EventSource-like reader: records when each funding event (by loan version) arrives.</summary>
    private static async Task WatchAsync(
        BenchContext context, HttpClient http, BenchUser borrower, string loanId, Stopwatch clock,
        ConcurrentDictionary<(string, long), ConcurrentBag<double>> arrivals, CountdownEvent ready, CancellationToken ct)
    {
        var signalled = false;
        try
        {
            using var request = ApiClient.Build(context.Api.BaseUrl, HttpMethod.Get, $"/api/v1/loans/{loanId}/events", borrower.Authorization);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            string? type = null;
            long? id = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type == "snapshot" && !signalled)
                    {
                        signalled = true;
                        ready.Signal();
                    }
                    else if (type == "funding" && id is { } version)
                    {
                        arrivals.GetOrAdd((loanId, version), _ => []).Add(clock.Elapsed.TotalMilliseconds);
                    }

                    type = null;
                    id = null;
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            if (!ct.IsCancellationRequested)
            {
                Console.WriteLine($"  watcher of {loanId} ended: {ex.Message}");
            }
        }
        finally
        {
            if (!signalled && !ct.IsCancellationRequested)
            {
                // Counted as opened so the wait ends; the missing events show in events_delivered.
                ready.Signal();
            }
        }
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
