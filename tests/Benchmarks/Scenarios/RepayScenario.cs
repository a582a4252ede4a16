using System.Globalization;
using System.Text.Json.Nodes;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// repay-20, repay-100: POST /api/v1/loans/{id}/repayments on disbursed loans with 20 (and 100) accepted lenders,
/// each repayment split among all of them to the cent. Loans are disbursed today; requests go round
/// the loans, so concurrent repayments mostly hit different loans. Each lender's portfolio totals follow through
/// the loan's outbox (after the answer); storage writes per repayment include those. After the window every
/// lender's total_repaid and total_interest_received must equal the sum of their lines in the loans' repayment
/// records (read by the borrower), and a few lenders' /me/distributions must sum to the same.
/// </summary>
internal static class RepayScenario
{
    public static readonly int[] LenderCounts = [20, 100];
    public const decimal Contribution = 100m;

    /// <summary>Per lender per repayment: a repayment is split into one line per lender, a few cents each.</summary>
    public const decimal AmountPerLender = 0.05m;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var results = new List<ScenarioResult>();
        foreach (var lenders in LenderCounts)
        {
            results.Add(await RunAsync(context, lenders));
        }

        return results;
    }

    private static async Task<ScenarioResult> RunAsync(BenchContext context, int lenderCount)
    {
        var name = FormattableString.Invariant($"repay-{lenderCount}");
        var loanCount = context.Options.RepayLoans;
        var perLoan = context.Options.RepaymentsPerLoan;
        Console.WriteLine($"  seeding {name}: {loanCount} loans × {lenderCount} accepted lenders, disbursed today");
        var borrowers = await context.UsersAsync(FormattableString.Invariant($"repayer{lenderCount}-"), loanCount, "Borrower");
        var lenders = await context.UsersAsync(FormattableString.Invariant($"repaylender{lenderCount}-"), lenderCount, "Lender");
        var loans = new string[loanCount];
        await BenchContext.TimedAsync($"create, fund and disburse {loanCount} loans", loanCount * (lenderCount + 2), () =>
            context.ForEachAsync(Enumerable.Range(0, loanCount), async (n, ct) =>
            {
                loans[n] = await FundedLoanAsync(context, borrowers[n], lenders, n, ct);
                await context.Api.SendAsync(HttpMethod.Post, $"/api/v1/loans/{loans[n]}/disbursement", borrowers[n].Authorization,
                    new JsonObject { ["disbursed_on"] = Today() }, ct);
            }));

        var amount = AmountPerLender * lenderCount;
        var body = ApiClient.Json(new JsonObject { ["amount"] = amount, ["paid_on"] = Today() });
        var pool = loanCount * perLoan;
        var next = -1;
        var result = await context.MeasureOursAsync(name, (_, _) =>
        {
            var i = Interlocked.Increment(ref next);
            if (i >= pool)
            {
                return null;
            }

            var n = i % loanCount;
            return new PlannedRequest("repay", context.Api.Request(HttpMethod.Post, $"/api/v1/loans/{loans[n]}/repayments", borrowers[n].Authorization, body));
        });
        result.Extra["lenders_per_loan"] = lenderCount;
        result.Extra["loans"] = loanCount;
        result.Extra["repayments_available"] = pool;

        var mismatches = await CheckAsync(context, borrowers, lenders, loans);
        result.Extra["check_lenders"] = lenderCount;
        result.Extra["check_mismatches"] = mismatches;
        Console.WriteLine($"  {name} check: {lenderCount} lenders, {mismatches} whose totals differ from their distributions");
        if (mismatches > 0)
        {
            result.Fail($"{mismatches} of {lenderCount} lenders' portfolio totals differ from the sum of their distributions");
        }

        return result;
    }

    private static async Task<string> FundedLoanAsync(BenchContext context, BenchUser borrower, BenchUser[] lenders, int n, CancellationToken ct)
    {
        var invites = lenders.Select(l => (l.Email, Contribution)).ToList();
        var (loanId, invitations) = await context.Api.CreateLoanAsync(borrower, Contribution * lenders.Length,
            FormattableString.Invariant($"Repaid loan {n}"), invites.Take(20), ct);
        for (var from = 20; from < invites.Count; from += 20)
        {
            invitations.AddRange(await context.Api.AddLendersAsync(borrower, loanId, invites.Skip(from).Take(20), ct));
        }

        var byEmail = lenders.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        foreach (var invitation in invitations)
        {
            await context.Api.AcceptAsync(byEmail[invitation.LenderEmail], invitation, ct);
        }

        return loanId;
    }

    /// <summary>
    /// Sums every lender's lines over every loan's repayment records, then waits (up to a minute, for the outbox) until
    /// each lender's portfolio totals equal them; a few lenders' statements are summed as well.
    /// </summary>
    private static async Task<int> CheckAsync(BenchContext context, BenchUser[] borrowers, BenchUser[] lenders, string[] loans)
    {
        var expected = new Dictionary<Guid, (decimal Principal, decimal Interest)>();
        for (var n = 0; n < loans.Length; n++)
        {
            string? token = null;
            do
            {
                var page = await context.Api.GetAsync(borrowers[n], $"/api/v1/loans/{loans[n]}/repayments?limit=100"
                    + (token is null ? "" : "&next_token=" + Uri.EscapeDataString(token)), context.CancellationToken);
                foreach (var line in page!["data"]!.AsArray().SelectMany(r => r!["distributions"]!.AsArray()))
                {
                    var lender = line!["lender_id"]!.GetValue<Guid>();
                    var (p, i) = expected.GetValueOrDefault(lender);
                    expected[lender] = (p + line["principal"]!.GetValue<decimal>(), i + line["interest"]!.GetValue<decimal>());
                }

                token = page["next_token"]?.GetValue<string>();
            }
            while (token is not null);
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        var wrong = lenders.ToList();
        while (wrong.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<BenchUser>();
            foreach (var lender in wrong)
            {
                var portfolio = await context.Api.GetAsync(lender, "/api/v1/me/portfolio?limit=1", context.CancellationToken);
                var want = expected.GetValueOrDefault(Guid.Parse(lender.UserId));
                if (portfolio!["total_repaid"]!.GetValue<decimal>() != want.Principal || portfolio["total_interest_received"]!.GetValue<decimal>() != want.Interest)
                {
                    still.Add(lender);
                }
            }

            wrong = still;
            if (wrong.Count > 0)
            {
                await Task.Delay(500, context.CancellationToken);
            }
        }

        foreach (var lender in lenders.Take(3))
        {
            var (principal, interest) = (0m, 0m);
            string? token = null;
            do
            {
                var page = await context.Api.GetAsync(lender, "/api/v1/me/distributions?limit=100"
                    + (token is null ? "" : "&next_token=" + Uri.EscapeDataString(token)), context.CancellationToken);
                foreach (var line in page!["data"]!.AsArray())
                {
                    principal += line!["principal"]!.GetValue<decimal>();
                    interest += line["interest"]!.GetValue<decimal>();
                }

                token = page["next_token"]?.GetValue<string>();
            }
            while (token is not null);

            if ((principal, interest) != expected.GetValueOrDefault(Guid.Parse(lender.UserId)) && !wrong.Contains(lender))
            {
                Console.WriteLine($"    lender {lender.UserId}: statement {principal}/{interest}, records {expected.GetValueOrDefault(Guid.Parse(lender.UserId))}");
                wrong.Add(lender);
            }
        }

        return wrong.Count;
    }

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
