using System.Collections.Concurrent;
using PrivateLending.Benchmarks.Baseline;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>A borrower of the dashboard data shape and what was seeded for them.</summary>
internal sealed record SeededBorrower(BenchUser User, List<string> LoanIds, List<(Invitation Invitation, BenchUser Lender)> Pending);

/// <summary>
/// The dashboard shape: borrowers with L loans × 3 invited lenders (registered users), 2 of whom accepted with ACH
/// details (so the page shows masked ACH) and 1 still pending. Seeded through our API; the seed baseline gets the
/// same shape written directly to its tables.
/// </summary>
internal static class DashboardSeed
{
    public const decimal Contribution = 1_000m;

    public static (int A, int B, int C) LenderSlots(int borrower, int loan, int loansPerBorrower, int lenders)
    {
        var first = (borrower * loansPerBorrower) + loan;
        return (first % lenders, (first + 7) % lenders, (first + 14) % lenders);
    }

    public static async Task<List<SeededBorrower>> SeedOursAsync(
        BenchContext context, string role, int borrowers, int loansPerBorrower, BenchUser[] lenders, decimal loanAmount)
    {
        if (lenders.Length < 15)
        {
            throw new ArgumentException("the dashboard shape needs at least 15 lenders", nameof(lenders));
        }

        var users = await BenchContext.TimedAsync($"register {borrowers} {role} borrowers", borrowers * 2,
            () => context.UsersAsync(role, borrowers, "Borrower"));
        var seeded = users.Select(u => new SeededBorrower(u, [], [])).ToArray();
        var accepts = new ConcurrentBag<(Invitation Invitation, BenchUser Lender)>();
        await BenchContext.TimedAsync($"create {borrowers * loansPerBorrower} loans × 3 lenders", borrowers * loansPerBorrower, () =>
            context.ForEachAsync(Enumerable.Range(0, borrowers * loansPerBorrower), async (n, ct) =>
            {
                var (b, l) = (n % borrowers, n / borrowers);
                var (x, y, z) = LenderSlots(b, l, loansPerBorrower, lenders.Length);
                var chosen = new[] { lenders[x], lenders[y], lenders[z] };
                var (loanId, invitations) = await context.Api.CreateLoanAsync(users[b], loanAmount, FormattableString.Invariant($"Benchmark loan {l} of {users[b].Name}"),
                    chosen.Select(lender => (lender.Email, Contribution)), ct);
                if (invitations.Count != 3)
                {
                    throw new InvalidOperationException($"POST /loans returned {invitations.Count} participants, expected 3");
                }

                lock (seeded[b])
                {
                    seeded[b].LoanIds.Add(loanId);
                }

                for (var k = 0; k < 3; k++)
                {
                    var lender = chosen.First(c => c.Email.Equals(invitations[k].LenderEmail, StringComparison.OrdinalIgnoreCase));
                    if (k < 2)
                    {
                        accepts.Add((invitations[k], lender));
                    }
                    else
                    {
                        lock (seeded[b])
                        {
                            seeded[b].Pending.Add((invitations[k], lender));
                        }
                    }
                }
            }));
        await BenchContext.TimedAsync($"accept {accepts.Count} invitations with ACH details", accepts.Count, () =>
            context.ForEachAsync(accepts, async (a, ct) => await context.Api.AcceptAsync(a.Lender, a.Invitation, ct)));
        return [.. seeded];
    }

    /// <summary>The same shape in the seed's tables; returns each borrower's Authorization header for the baseline.</summary>
    public static async Task<string[]> SeedBaselineAsync(BenchContext context, int borrowers, int loansPerBorrower, int lenders, decimal loanAmount)
    {
        var tables = context.Tables ?? throw new InvalidOperationException("no baseline");
        var server = context.Baseline ?? throw new InvalidOperationException("no baseline");
        var lenderIds = new string[lenders];
        for (var i = 0; i < lenders; i++)
        {
            lenderIds[i] = Guid.NewGuid().ToString();
            tables.PutUser(lenderIds[i], context.Email("seedlender", i), FormattableString.Invariant($"Lender {i}"));
        }

        var tokens = new string[borrowers];
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var b = 0; b < borrowers; b++)
        {
            var borrowerId = Guid.NewGuid().ToString();
            var name = FormattableString.Invariant($"Borrower {b}");
            tables.PutUser(borrowerId, context.Email("seedborrower", b), name);
            tokens[b] = server.Authorize(borrowerId);
            for (var l = 0; l < loansPerBorrower; l++)
            {
                var (x, y, z) = LenderSlots(b, l, loansPerBorrower, lenders);
                var participants = new[] { x, y, z }.Select((slot, k) => new SeedParticipant(
                    Guid.NewGuid().ToString(), context.Email("seedlender", slot), lenderIds[slot], Contribution, Accepted: k < 2)).ToList();
                tables.PutLoan(new SeedLoan(Guid.NewGuid().ToString(), borrowerId, name, loanAmount,
                    FormattableString.Invariant($"Benchmark loan {l} of {name}"),
                    start.AddSeconds(l).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture), participants));
            }
        }

        await BenchContext.TimedAsync($"baseline: write {borrowers * loansPerBorrower} loans × 3 participants directly", 0, () => tables.FlushAsync(context.CancellationToken));
        return tokens;
    }
}
