using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// documents: borrowers upload 1 MB files (PNG by their magic bytes) to their loans through the API, which streams
/// them to the local S3 server; then 10 uploads of 10 MB at once while the API's resident memory is sampled. The
/// point of streaming is that the peak must not grow by the sum of the files in flight (100 MB).
/// </summary>
internal static class DocumentsScenario
{
    public const int Loans = 40;
    public const int LiveDocumentsPerLoan = 50;
    private const int OneMb = 1_000_000;
    private const int TenMb = 10_000_000;
    private const int Concurrent = 10;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        Console.WriteLine($"  seeding: {Loans} loans ({Loans * LiveDocumentsPerLoan} uploads available)");
        var borrowers = await context.UsersAsync("uploader", 4, "Borrower");
        var loans = new string[Loans];
        await BenchContext.TimedAsync($"create {Loans} loans", Loans, () =>
            context.ForEachAsync(Enumerable.Range(0, Loans), async (n, ct) =>
            {
                var (loanId, _) = await context.Api.CreateLoanAsync(borrowers[n % borrowers.Length], 1000m,
                    FormattableString.Invariant($"Loan with documents {n}"), [(context.Email("docs-lender", n), 500m)], ct);
                loans[n] = loanId;
            }));

        var file = Png(OneMb);
        var next = -1;
        var result = await context.MeasureOursAsync("documents-1mb", (_, _) =>
        {
            var i = Interlocked.Increment(ref next);
            return i >= Loans * LiveDocumentsPerLoan
                ? null
                : new PlannedRequest("upload", Upload(context.System.ApiUrl, loans[i % Loans], borrowers[i % Loans % borrowers.Length], file));
        });
        result.Extra["file_bytes"] = OneMb;
        if (result.Extra.TryGetValue("cpu_ms_per_request", out var cpu) && cpu is SortedDictionary<string, double> byProcess
            && byProcess.TryGetValue("api", out var apiMs))
        {
            result.Extra["api_cpu_ms_per_mb"] = Math.Round(apiMs / (OneMb / 1_000_000.0), 3);
        }

        await PeakMemoryAsync(context, result, loans[^1], borrowers[(Loans - 1) % borrowers.Length]);
        return [result];
    }

    /// <summary>10 uploads of 10 MB at once; the API's resident set sampled every 5 ms from before the first to after the last.</summary>
    private static async Task PeakMemoryAsync(BenchContext context, ScenarioResult result, string loanId, BenchUser borrower)
    {
        var pid = context.System.Api?.Id ?? throw new InvalidOperationException("the API is not running");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var file = Png(TenMb);
        var before = ResidentBytes(pid);
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes(pid));
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            using var response = await http.SendAsync(Upload(context.System.ApiUrl, loanId, borrower, file), context.CancellationToken);
            return response.StatusCode;
        }));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await sampler;

        const double Mb = 1024 * 1024;
        result.Extra["concurrent_uploads"] = $"{Concurrent} × {TenMb / 1_000_000} MB in {elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
        result.Extra["api_rss_before_mb"] = Math.Round(before / Mb, 1);
        result.Extra["api_rss_peak_mb"] = Math.Round(peak / Mb, 1);
        result.Extra["api_rss_growth_mb"] = Math.Round((peak - before) / Mb, 1);
        var refused = answers.Count(a => a != HttpStatusCode.Created);
        if (refused > 0)
        {
            result.Fail($"{refused} of {Concurrent} concurrent 10 MB uploads were not created ({string.Join(", ", answers.Distinct())})");
        }
    }

    private static HttpRequestMessage Upload(Uri api, string loanId, BenchUser borrower, byte[] file)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "statement.png");
        form.Add(new StringContent("bank_statement"), "kind");
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(api, $"/api/v1/loans/{loanId}/documents")) { Content = form };
        message.Headers.TryAddWithoutValidation("Authorization", borrower.Authorization);
        return message;
    }

    /// <summary>A file the API takes for a PNG (its magic bytes) of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
