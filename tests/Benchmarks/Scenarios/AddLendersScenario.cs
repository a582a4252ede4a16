using System.Text;
using PrivateLending.Benchmarks.Baseline;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// add-lenders: POST /api/v1/loans/{id}/lenders with 10 new lenders (new e-mails, no account yet) per request, on
/// loans seeded with 50 participants. Requests go round-robin over the loans, round-major, so every loan gains 10
/// participants per round and all loans grow together (the largest size reached is reported). A loan takes at most
/// 100 participants (a product rule), so each loan serves 5 requests; the run ends early if the pool runs out.
/// </summary>
internal static class AddLendersScenario
{
    public const int Borrowers = 10;
    public const int SeededParticipants = 50;
    public const int PerRequest = 10;
    /// <summary>The product caps a loan at 100 participants: 50 seeded + 5 rounds of 10.</summary>
    public const int MaxParticipants = 100;
    public const int MaxRounds = (MaxParticipants - SeededParticipants) / PerRequest;
    public const decimal LoanAmount = 10_000_000m;
    public const decimal Contribution = 1_000m;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        var loanCount = context.Options.AddLenderLoans;
        if (!context.Ours)
        {
            var alone = await MeasureBaselineAsync(context, loanCount);
            return alone is null ? [] : [alone];
        }

        Console.WriteLine($"  seeding: {loanCount} loans with {SeededParticipants} invited lenders each");
        var borrowers = await context.UsersAsync("adder", Borrowers, "Borrower");
        var loans = new (BenchUser Borrower, string LoanId)[loanCount];
        await BenchContext.TimedAsync($"create {loanCount} loans with 20 lenders, then add 20 and 10", loanCount * 3, () =>
            context.ForEachAsync(Enumerable.Range(0, loanCount), async (n, ct) =>
            {
                var borrower = borrowers[n % Borrowers];
                var invitees = Enumerable.Range(0, SeededParticipants).Select(k => (context.Email(FormattableString.Invariant($"inv{n}x"), k), Contribution)).ToList();
                var (loanId, _) = await context.Api.CreateLoanAsync(borrower, LoanAmount, FormattableString.Invariant($"Large loan {n}"), invitees.Take(20), ct);
                await context.Api.AddLendersAsync(borrower, loanId, invitees.Skip(20).Take(20), ct);
                await context.Api.AddLendersAsync(borrower, loanId, invitees.Skip(40), ct);
                loans[n] = (borrower, loanId);
            }));

        var sequence = -1;
        var maxRound = 0;
        var result = await context.MeasureOursAsync("add-lenders", (_, _) =>
        {
            var i = Interlocked.Increment(ref sequence);
            var (loan, round) = (i % loanCount, i / loanCount);
            if (round >= MaxRounds)
            {
                return null;
            }

            InterlockedMax(ref maxRound, round + 1);
            var (borrower, loanId) = loans[loan];
            return new PlannedRequest("add-lenders", context.Api.Request(HttpMethod.Post, $"/api/v1/loans/{loanId}/lenders", borrower.Authorization,
                Body(context, "add", loan, round)));
        });
        result.Extra["participants_per_loan_max"] = SeededParticipants + (PerRequest * Volatile.Read(ref maxRound));
        result.Extra["loans"] = loanCount;

        result.Baseline = await MeasureBaselineAsync(context, loanCount);
        return [result];
    }

    private static async Task<ScenarioResult?> MeasureBaselineAsync(BenchContext context, int loanCount)
    {
        if (context.Baseline is not { } baseline || context.Tables is not { } tables)
        {
            return null;
        }

        var tokens = new string[Borrowers];
        var borrowerIds = new string[Borrowers];
        for (var b = 0; b < Borrowers; b++)
        {
            borrowerIds[b] = Guid.NewGuid().ToString();
            tables.PutUser(borrowerIds[b], context.Email("seedadder", b), FormattableString.Invariant($"Borrower {b}"));
            tokens[b] = baseline.Authorize(borrowerIds[b]);
        }

        var loanIds = new string[loanCount];
        for (var n = 0; n < loanCount; n++)
        {
            loanIds[n] = Guid.NewGuid().ToString();
            var participants = Enumerable.Range(0, SeededParticipants)
                .Select(k => new SeedParticipant(Guid.NewGuid().ToString(), context.Email(FormattableString.Invariant($"inv{n}x"), k), null, Contribution, Accepted: false))
                .ToList();
            tables.PutLoan(new SeedLoan(loanIds[n], borrowerIds[n % Borrowers], FormattableString.Invariant($"Borrower {n % Borrowers}"), LoanAmount,
                FormattableString.Invariant($"Large loan {n}"), SeedTables.Now(), participants));
        }

        await BenchContext.TimedAsync($"baseline: write {loanCount} loans × {SeededParticipants} participants directly", 0, () => tables.FlushAsync(context.CancellationToken));
        var sequence = -1;
        var maxRound = 0;
        var result = await context.MeasureBaselineAsync(context.Ours ? "add-lenders" : "add-lenders-seed-baseline", (_, _) =>
        {
            var i = Interlocked.Increment(ref sequence);
            var (loan, round) = (i % loanCount, i / loanCount);
            if (round >= MaxRounds)
            {
                return null;
            }

            InterlockedMax(ref maxRound, round + 1);
            return new PlannedRequest("add-lenders", ApiClient.Build(baseline.BaseUrl, HttpMethod.Post, $"/seed/v1/loans/{loanIds[loan]}/lenders",
                tokens[loan % Borrowers], Body(context, "badd", loan, round)));
        });
        result.Extra["participants_per_loan_max"] = SeededParticipants + (PerRequest * Volatile.Read(ref maxRound));
        result.Extra["dynamodb_calls_per_request"] = Math.Round((result.StorageReadsPerRequest ?? 0) + (result.StorageWritesPerRequest ?? 0), 2);
        return result;
    }

    private static byte[] Body(BenchContext context, string prefix, int loan, int round)
    {
        var json = new StringBuilder("{\"lenders\":[");
        for (var k = 0; k < PerRequest; k++)
        {
            json.Append(k == 0 ? "" : ",")
                .Append("{\"email\":\"").Append(context.Email(FormattableString.Invariant($"{prefix}{loan}r{round}x"), k))
                .Append("\",\"amount\":1000}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
