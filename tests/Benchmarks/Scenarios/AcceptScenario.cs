using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// accept: POST /api/v1/loans/{id}/participants/{pid}/accept with ACH details. Loans with 20 pending invitations
/// to registered lenders; the pool is consumed invitation k of every loan, then k+1, so concurrent acceptances hit
/// different loans and different lenders. A loan is FUNDED by its 20th acceptance. The run ends early if the pool
/// runs out (the window then ends at the last response).
/// </summary>
internal static class AcceptScenario
{
    public const int Borrowers = 10;
    public const int InvitesPerLoan = 20;
    public const int Lenders = 40;
    public const decimal Contribution = 100m;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var loanCount = context.Options.AcceptLoans;
        Console.WriteLine($"  seeding: {loanCount} loans × {InvitesPerLoan} pending invitations ({loanCount * InvitesPerLoan} acceptances available)");
        var borrowers = await context.UsersAsync("acceptor", Borrowers, "Borrower");
        var lenders = await context.UsersAsync("lender", Lenders, "Lender");
        var byEmail = lenders.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        var invitations = new List<Invitation>[loanCount];
        await BenchContext.TimedAsync($"create {loanCount} loans with {InvitesPerLoan} lenders", loanCount, () =>
            context.ForEachAsync(Enumerable.Range(0, loanCount), async (n, ct) =>
            {
                var chosen = Enumerable.Range(0, InvitesPerLoan).Select(k => lenders[(n + k) % Lenders]);
                var (_, created) = await context.Api.CreateLoanAsync(borrowers[n % Borrowers], Contribution * InvitesPerLoan,
                    FormattableString.Invariant($"Loan to accept {n}"), chosen.Select(l => (l.Email, Contribution)), ct);
                invitations[n] = created;
            }));

        var pool = new List<(Invitation Invitation, string Authorization, byte[] Body)>();
        var bodies = lenders.ToDictionary(l => l.Email, l => ApiClient.Json(ApiClient.AchBody(l.Name)), StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < InvitesPerLoan; k++)
        {
            foreach (var loan in invitations)
            {
                if (k < loan.Count)
                {
                    var lender = byEmail[loan[k].LenderEmail];
                    pool.Add((loan[k], lender.Authorization, bodies[lender.Email]));
                }
            }
        }

        var next = -1;
        var result = await context.MeasureOursAsync("accept", (_, _) =>
        {
            var i = Interlocked.Increment(ref next);
            if (i >= pool.Count)
            {
                return null;
            }

            var (invitation, authorization, body) = pool[i];
            return new PlannedRequest("accept", context.Api.Request(HttpMethod.Post,
                $"/api/v1/loans/{invitation.LoanId}/participants/{invitation.ParticipantId}/accept", authorization, body));
        });
        result.Extra["acceptances_available"] = pool.Count;
        result.Extra["acceptances_used"] = Math.Min(Volatile.Read(ref next) + 1, pool.Count);
        result.Extra["loans"] = loanCount;
        return [result];
    }
}
