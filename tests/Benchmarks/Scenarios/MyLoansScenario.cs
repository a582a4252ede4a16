using System.Text.Json.Nodes;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// my-loans: GET /api/v1/me/loans?limit=10 for borrowers with 10 loans × 3 lenders (2 accepted, masked ACH).
/// Cold: right after a silo restart, each of the cold borrowers' first page once (every grain on the path inactive).
/// Warm: after the warm-up, workers read the warm borrowers' pages round-robin. Baseline: the seed's 13-call page.
/// </summary>
internal static class MyLoansScenario
{
    public const int LoansPerBorrower = 10;
    public const decimal LoanAmount = 5_000m;
    public const string PagePath = "/api/v1/me/loans?limit=10";

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        var options = context.Options;
        if (!context.Ours)
        {
            return [await MeasureBaselineAsync(context, 30, "my-loans-seed-baseline")];
        }

        Console.WriteLine($"  seeding: {options.Borrowers} warm + {options.ColdBorrowers} cold borrowers × {LoansPerBorrower} loans × 3 lenders (2 accepted)");
        var lenders = await context.UsersAsync("lender", 30, "Lender");
        var warm = await DashboardSeed.SeedOursAsync(context, "warm", options.Borrowers, LoansPerBorrower, lenders, LoanAmount);
        var cold = await DashboardSeed.SeedOursAsync(context, "cold", options.ColdBorrowers, LoansPerBorrower, lenders, LoanAmount);
        await ProbeAsync(context, warm[0].User);

        var results = new List<ScenarioResult>();

        Console.WriteLine("  restarting the silo: every grain inactive");
        await context.System.RestartSiloAsync(context.CancellationToken);

        // Cold, one client: a quarter of the cold borrowers one after another — the latency of a first page alone.
        // Cold, N clients: the rest all at once — a burst of first pages right after a restart (activation storm).
        var single = Math.Max(1, cold.Count / 4);
        var next = -1;
        PlannedRequest? ColdPage(int last)
        {
            var i = Interlocked.Increment(ref next);
            return i < last ? new PlannedRequest("my-loans-cold", context.Api.Request(HttpMethod.Get, PagePath, cold[i].User.Authorization)) : null;
        }

        var coldSingle = await context.MeasureOursAsync("my-loans-cold-1-client", (_, _) => ColdPage(single),
            concurrency: 1, warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(120));
        coldSingle.Extra["note"] = FormattableString.Invariant($"first page of {single} borrowers right after a silo restart, one at a time");
        results.Add(coldSingle);
        if (cold.Count > single)
        {
            next = single - 1; // the one-client run's last call took an index past its share

            var coldBurst = await context.MeasureOursAsync("my-loans-cold", (_, _) => ColdPage(cold.Count),
                concurrency: Math.Min(options.Concurrency, cold.Count - single), warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(120));
            coldBurst.Extra["note"] = FormattableString.Invariant($"first page of {cold.Count - single} borrowers right after a silo restart, all at once");
            results.Add(coldBurst);
        }

        var warmHeaders = warm.Select(b => b.User.Authorization).ToArray();
        var warmResult = await context.MeasureOursAsync("my-loans", (worker, _) =>
            new PlannedRequest("my-loans", context.Api.Request(HttpMethod.Get, PagePath, warmHeaders[worker % warmHeaders.Length])));
        warmResult.Extra["borrowers"] = warm.Count;
        results.Insert(0, warmResult);

        if (context.Baseline is not null)
        {
            warmResult.Baseline = await MeasureBaselineAsync(context, lenders.Length, "my-loans");
        }

        return results;
    }

    private static async Task<ScenarioResult> MeasureBaselineAsync(BenchContext context, int lenders, string name)
    {
        var baseline = context.Baseline!;
        var tokens = await DashboardSeed.SeedBaselineAsync(context, context.Options.Borrowers, LoansPerBorrower, lenders, LoanAmount);
        await ProbeBaselineAsync(context, tokens[0]);
        var result = await context.MeasureBaselineAsync(name, (worker, _) =>
            new PlannedRequest("my-loans", ApiClient.Build(baseline.BaseUrl, HttpMethod.Get, "/seed/v1/me/loans?limit=10", tokens[worker % tokens.Length])));
        result.Extra["borrowers"] = tokens.Length;
        result.Extra["dynamodb_calls_per_request"] = Math.Round((result.StorageReadsPerRequest ?? 0) + (result.StorageWritesPerRequest ?? 0), 2);
        return result;
    }

    /// <summary>Checks the page has the seeded shape before measuring it.</summary>
    private static async Task ProbeAsync(BenchContext context, BenchUser borrower)
    {
        var page = await context.Api.GetAsync(borrower, PagePath, context.CancellationToken);
        Console.WriteLine("    probe: " + Describe(page));
    }

    private static async Task ProbeBaselineAsync(BenchContext context, string authorization)
    {
        using var request = ApiClient.Build(context.Baseline!.BaseUrl, HttpMethod.Get, "/seed/v1/me/loans?limit=10", authorization);
        using var response = await context.Api.Http.SendAsync(request, context.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"baseline my-loans answered {(int)response.StatusCode}: {ApiClient.Truncate(text)}");
        }

        Console.WriteLine("    baseline probe: " + Describe(JsonNode.Parse(text)));
    }

    private static string Describe(JsonNode? page)
    {
        var data = page?["data"] as JsonArray ?? [];
        var participants = data.Sum(loan => (loan?["participants"] as JsonArray)?.Count ?? 0);
        var withAch = data.Sum(loan => (loan?["participants"] as JsonArray)?.Count(p => p?["ach"] is JsonObject) ?? 0);
        var named = data.Sum(loan => (loan?["participants"] as JsonArray)?.Count(p => p?["lender_name"] is JsonValue) ?? 0);
        return FormattableString.Invariant(
            $"{data.Count} loans, {participants} participants, {named} with lender_name, {withAch} with masked ACH, has_more={page?["has_more"]}, {page?.ToJsonString().Length ?? 0} bytes");
    }
}
