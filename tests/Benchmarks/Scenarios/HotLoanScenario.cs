using System.Text.Json.Nodes;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// hot-loan: every client writes to the SAME loan at once, about half acceptances of pending invitations (with ACH
/// details) and half add-lenders requests of 1 new e-mail each. A loan takes at most 100 participants, so the load
/// moves over a sequence of hot loans: all clients on loan 1 until its 95 one-shot writes are handed out, then
/// loan 2, and so on (only at a hand-over do two loans share the clients). Each loan is seeded with 50 pending
/// invitations to registered lenders and room for 45 additions; its amount is above every contribution together,
/// so every write is valid in any order and the loan stays PENDING. The run ends early if the loans run out.
/// After the window every loan touched is read back: its funded total must equal the acceptances answered 200,
/// never pass its amount, and its participants must be the seeded ones plus the additions answered 201.
/// </summary>
internal static class HotLoanScenario
{
    public const int Borrowers = 4;
    public const int SeededInvitations = 50;
    public const int Additions = 45;
    public const int WritesPerLoan = SeededInvitations + Additions;
    public const decimal Contribution = 100m;

    /// <summary>Room for one more contribution: the accepted sum never reaches the amount, so the loan never closes.</summary>
    public const decimal LoanAmount = Contribution * (WritesPerLoan + 1);

    private const string AcceptOperation = "accept";
    private const string AddOperation = "add-lender";

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var loanCount = context.Options.HotLoans;
        Console.WriteLine($"  seeding: {loanCount} hot loans × {SeededInvitations} pending invitations + room for {Additions} additions " +
            $"({loanCount * WritesPerLoan} writes available)");
        var borrowers = await context.UsersAsync("hotborrower", Borrowers, "Borrower");
        var lenders = await context.UsersAsync("hotlender", SeededInvitations, "Lender");
        var byEmail = lenders.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        var achBodies = lenders.ToDictionary(l => l.Email, l => ApiClient.Json(ApiClient.AchBody(l.Name)), StringComparer.OrdinalIgnoreCase);
        var loans = new (BenchUser Borrower, string LoanId, List<Invitation> Invitations)[loanCount];
        await BenchContext.TimedAsync($"create {loanCount} loans with 20 lenders, then add 20 and 10", loanCount * 3, () =>
            context.ForEachAsync(Enumerable.Range(0, loanCount), async (n, ct) =>
            {
                var borrower = borrowers[n % Borrowers];
                var invitees = Enumerable.Range(0, SeededInvitations).Select(k => (lenders[(n + k) % SeededInvitations].Email, Contribution)).ToList();
                var (loanId, invitations) = await context.Api.CreateLoanAsync(borrower, LoanAmount, FormattableString.Invariant($"Hot loan {n}"), invitees.Take(20), ct);
                invitations.AddRange(await context.Api.AddLendersAsync(borrower, loanId, invitees.Skip(20).Take(20), ct));
                invitations.AddRange(await context.Api.AddLendersAsync(borrower, loanId, invitees.Skip(40), ct));
                if (invitations.Count != SeededInvitations)
                {
                    throw new InvalidOperationException($"hot loan {loanId} was seeded with {invitations.Count} invitations, expected {SeededInvitations}");
                }

                loans[n] = (borrower, loanId, invitations);
            }));

        // Loan-major: loan n's writes are handed out before loan n+1's. Within a loan, accepts and additions are
        // interleaved evenly (50 of 95 are accepts), so both kinds are in flight together all the time.
        var pool = new List<(int Loan, bool Accept, string Path, string Authorization, byte[] Body)>(loanCount * WritesPerLoan);
        for (var n = 0; n < loanCount; n++)
        {
            var (borrower, loanId, invitations) = loans[n];
            var (accepts, adds) = (0, 0);
            for (var j = 0; j < WritesPerLoan; j++)
            {
                if ((j + 1) * SeededInvitations / WritesPerLoan > j * SeededInvitations / WritesPerLoan)
                {
                    var invitation = invitations[accepts++];
                    var lender = byEmail[invitation.LenderEmail];
                    pool.Add((n, true, $"/api/v1/loans/{loanId}/participants/{invitation.ParticipantId}/accept", lender.Authorization, achBodies[lender.Email]));
                }
                else
                {
                    var email = context.Email(FormattableString.Invariant($"hot{n}add"), adds++);
                    var body = ApiClient.Json(new JsonObject { ["lenders"] = ApiClient.LendersArray([(email, Contribution)]) });
                    pool.Add((n, false, $"/api/v1/loans/{loanId}/lenders", borrower.Authorization, body));
                }
            }
        }

        // What the system confirmed, per loan, whenever it answered (warm-up and the window's tail included).
        var accepted = new int[loanCount];
        var added = new int[loanCount];
        var next = -1;
        var result = await context.MeasureOursAsync("hot-loan", (_, _) =>
        {
            var i = Interlocked.Increment(ref next);
            if (i >= pool.Count)
            {
                return null;
            }

            var (loan, accept, path, authorization, body) = pool[i];
            return new PlannedRequest(accept ? AcceptOperation : AddOperation, context.Api.Request(HttpMethod.Post, path, authorization, body),
                (_, _) => Interlocked.Increment(ref (accept ? accepted : added)[loan]));
        });
        var used = Math.Min(Volatile.Read(ref next) + 1, pool.Count);
        var touched = used == 0 ? 0 : pool[used - 1].Loan + 1;
        result.Extra["writes_available"] = pool.Count;
        result.Extra["writes_used"] = used;
        result.Extra["loans"] = loanCount;
        result.Extra["loans_touched"] = touched;

        var (overFunded, mismatches) = await CheckAsync(context, loans, touched, accepted, added);
        Console.WriteLine($"  hot-loan check: {touched} loans, {overFunded} over-funded, {mismatches} mismatches");
        result.Extra["check_over_funded"] = overFunded;
        result.Extra["check_mismatches"] = mismatches;
        if (overFunded > 0 || mismatches > 0)
        {
            result.Fail($"{overFunded} of {touched} hot loans over-funded, {mismatches} with totals that differ from the confirmed writes");
        }

        return [result];
    }

    /// <summary>Reads every touched loan back (a few members only) and compares it with the writes it confirmed.</summary>
    private static async Task<(int OverFunded, int Mismatches)> CheckAsync(
        BenchContext context, (BenchUser Borrower, string LoanId, List<Invitation> Invitations)[] loans, int touched, int[] accepted, int[] added)
    {
        var overFunded = 0;
        var mismatches = 0;
        await context.ForEachAsync(Enumerable.Range(0, touched), async (n, ct) =>
        {
            var (borrower, loanId, _) = loans[n];
            var loan = await context.Api.GetAsync(borrower,
                $"/api/v1/loans/{loanId}?fields=amount,total_funded,total_invited,participant_count,accepted_participant_count", ct)
                ?? throw new InvalidOperationException($"GET loan {loanId} returned no body");
            var amount = loan["amount"]!.GetValue<decimal>();
            var funded = loan["total_funded"]!.GetValue<decimal>();
            var invited = loan["total_invited"]!.GetValue<decimal>();
            if (funded > amount || invited > amount)
            {
                Interlocked.Increment(ref overFunded);
                Console.WriteLine($"    loan {loanId}: funded {funded}, invited {invited}, amount {amount}");
            }

            var expectedFunded = Contribution * Volatile.Read(ref accepted[n]);
            var expectedParticipants = SeededInvitations + Volatile.Read(ref added[n]);
            var participants = loan["participant_count"]!.GetValue<int>();
            var acceptedCount = loan["accepted_participant_count"]!.GetValue<int>();
            if (funded != expectedFunded || participants != expectedParticipants || acceptedCount != Volatile.Read(ref accepted[n]))
            {
                Interlocked.Increment(ref mismatches);
                Console.WriteLine($"    loan {loanId}: funded {funded} (confirmed {expectedFunded}), {participants} participants " +
                    $"(confirmed {expectedParticipants}), {acceptedCount} accepted (confirmed {accepted[n]})");
            }
        });
        return (overFunded, mismatches);
    }
}
