using System.Globalization;
using System.Text.Json.Nodes;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// history: pages of <c>GET /api/v1/loans/{id}/history</c> and <c>/funding-history</c> (limit 25) of loans with 500
/// changes each: created, 379 terms changes, 60 lenders invited one per request, 60 acceptances (500 versions,
/// 121 funding points; all but the newest 25–50 entries of each series live in sealed chunk items).
/// Warm: every page of every warm loan, round-robin, after a walk through all of them. Cold: right after a silo
/// restart (the loan grain and its chunk grains inactive), the first (oldest) page of each cold loan, one client;
/// a second restart before the funding-history pages, so they are cold too.
/// </summary>
internal static class HistoryScenario
{
    public const int TermsChanges = 379;
    public const int Lenders = 60;
    public const decimal Contribution = 10m;
    public const int PageSize = 25;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var (warmCount, coldCount) = (context.Options.HistoryLoans, context.Options.HistoryColdLoans);
        Console.WriteLine($"  seeding: {warmCount} warm + {coldCount} cold loans × 500 changes ({TermsChanges} terms changes, {Lenders} invitations, {Lenders} acceptances)");
        var lenders = await BenchContext.TimedAsync($"register {Lenders} lenders", Lenders * 4, () => context.UsersAsync("historylender", Lenders, "History lender"));
        var borrowers = await context.UsersAsync("historyborrower", warmCount + coldCount, "History borrower");
        var loans = new (BenchUser Borrower, string LoanId)[borrowers.Length];
        await BenchContext.TimedAsync($"make {borrowers.Length} loans of 500 changes", borrowers.Length * 500, () =>
            context.ForEachAsync(Enumerable.Range(0, borrowers.Length), async (i, ct) => loans[i] = (borrowers[i], await SeedLoanAsync(context, borrowers[i], lenders, ct))));
        var (warm, cold) = (loans[..warmCount], loans[warmCount..]);

        var results = new List<ScenarioResult>();
        foreach (var kind in new[] { "history", "funding-history" })
        {
            // Walk every page once: checks the shape and collects each page's request (cursors are sealed per user).
            var pages = new List<(BenchUser User, string Path)>();
            foreach (var (borrower, loanId) in warm)
            {
                pages.AddRange(await WalkAsync(context, borrower, loanId, kind));
            }

            var warmResult = await context.MeasureOursAsync($"{kind}-warm", (worker, _) =>
            {
                var (user, path) = pages[(int)((uint)Interlocked.Increment(ref _round) % (uint)pages.Count)];
                return new PlannedRequest(kind, context.Api.Request(HttpMethod.Get, path, user.Authorization));
            });
            warmResult.Extra["loans"] = warm.Length;
            warmResult.Extra["pages"] = pages.Count;
            warmResult.Extra["note"] = FormattableString.Invariant($"every page (limit {PageSize}) of {warm.Length} loans of 500 changes, round-robin");
            results.Add(warmResult);

            Console.WriteLine("  restarting the silo: every grain inactive");
            await context.System.RestartSiloAsync(context.CancellationToken);
            var next = -1;
            var coldResult = await context.MeasureOursAsync($"{kind}-cold-1-client", (_, _) =>
            {
                var i = Interlocked.Increment(ref next);
                return i < cold.Length
                    ? new PlannedRequest(kind, context.Api.Request(HttpMethod.Get, Path(cold[i].LoanId, kind, null), cold[i].Borrower.Authorization))
                    : null;
            }, concurrency: 1, warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(120));
            coldResult.Extra["loans"] = cold.Length;
            coldResult.Extra["note"] = FormattableString.Invariant($"the oldest page (limit {PageSize}) of {cold.Length} loans right after a silo restart, one at a time");
            results.Add(coldResult);
        }

        return results;
    }

    private static int _round;

    private static string Path(string loanId, string kind, string? token) =>
        $"/api/v1/loans/{loanId}/{kind}?limit={PageSize.ToString(CultureInfo.InvariantCulture)}" + (token is null ? "" : "&next_token=" + Uri.EscapeDataString(token));

    private static async Task<string> SeedLoanAsync(BenchContext context, BenchUser borrower, BenchUser[] lenders, CancellationToken ct)
    {
        var (loanId, _) = await context.Api.CreateLoanAsync(borrower, 1_000m, "History benchmark loan", [], ct);
        for (var version = 1; version <= TermsChanges; version++)
        {
            using var request = context.Api.Request(HttpMethod.Patch, $"/api/v1/loans/{loanId}", borrower.Authorization,
                ApiClient.Json(new JsonObject { ["purpose"] = FormattableString.Invariant($"History benchmark loan, revision {version}") }));
            request.Headers.TryAddWithoutValidation("If-Match", FormattableString.Invariant($"\"{version}\""));
            using var response = await context.Api.Http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"PATCH /loans/{loanId} at version {version} answered {(int)response.StatusCode}: {ApiClient.Truncate(await response.Content.ReadAsStringAsync(ct))}");
            }
        }

        var invitations = new List<(Invitation Invitation, BenchUser Lender)>();
        foreach (var lender in lenders)
        {
            var added = await context.Api.AddLendersAsync(borrower, loanId, [(lender.Email, Contribution)], ct);
            invitations.Add((added.Single(), lender));
        }

        foreach (var (invitation, lender) in invitations)
        {
            await context.Api.AcceptAsync(lender, invitation, ct);
        }

        return loanId;
    }

    /// <summary>Every page of one loan's series, oldest first; fails unless it holds the seeded number of entries.</summary>
    private static async Task<List<(BenchUser, string)>> WalkAsync(BenchContext context, BenchUser borrower, string loanId, string kind)
    {
        var pages = new List<(BenchUser, string)>();
        var entries = 0;
        string? token = null;
        do
        {
            var path = Path(loanId, kind, token);
            pages.Add((borrower, path));
            var page = await context.Api.GetAsync(borrower, path, context.CancellationToken);
            entries += (page?["data"] as JsonArray)?.Count ?? 0;
            token = page?["next_token"]?.GetValue<string>();
        }
        while (token is not null);

        var expected = kind == "history" ? 1 + TermsChanges + (2 * Lenders) : 1 + (2 * Lenders);
        if (entries != expected)
        {
            throw new InvalidOperationException($"{kind} of loan {loanId} has {entries} entries, expected {expected}");
        }

        return pages;
    }
}
