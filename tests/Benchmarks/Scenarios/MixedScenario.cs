using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// mixed: many users. 80 % dashboard reads, split evenly: a borrower's my-loans page, a lender's pending invitations,
/// a lender's portfolio (pages of 10). 20 % writes, split evenly: create a loan inviting 2 lenders, add 1 new lender
/// to one of the borrower's loans, accept a pending invitation (with ACH; a create when none is pending).
/// </summary>
internal static class MixedScenario
{
    public const int LoansPerBorrower = 5;
    public const decimal LoanAmount = 100_000m;

    /// <param name="context">The run.</param>
    /// <param name="name">The result's name (the cluster scenario runs this load twice).</param>
    /// <param name="prefix">Prefix of the seeded users' emails, distinct per run.</param>
    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context, string name = "mixed", string prefix = "mix")
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var options = context.Options;
        Console.WriteLine($"  seeding: {options.MixedBorrowers} borrowers × {LoansPerBorrower} loans × 3 lenders (2 accepted) over {options.MixedLenders} lenders");
        var lenders = await context.UsersAsync(prefix + "lender", Math.Max(options.MixedLenders, 15), "Lender");
        var borrowers = await DashboardSeed.SeedOursAsync(context, prefix, options.MixedBorrowers, LoansPerBorrower, lenders, LoanAmount);
        var pending = new ConcurrentQueue<(Invitation Invitation, BenchUser Lender)>(borrowers.SelectMany(b => b.Pending));
        var loansByBorrower = borrowers.Select(b => new List<string>(b.LoanIds)).ToArray();
        var lenderByEmail = lenders.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        var achBodies = lenders.ToDictionary(l => l.Email, l => ApiClient.Json(ApiClient.AchBody(l.Name)), StringComparer.OrdinalIgnoreCase);
        var api = context.Api;

        PlannedRequest Create(Random random)
        {
            var b = random.Next(borrowers.Count);
            var first = random.Next(lenders.Length);
            var second = (first + 1 + random.Next(lenders.Length - 1)) % lenders.Length;
            var body = ApiClient.Json(ApiClient.LoanBody(LoanAmount, "Mixed workload loan",
                [(lenders[first].Email, DashboardSeed.Contribution), (lenders[second].Email, DashboardSeed.Contribution)]));
            return new PlannedRequest("create-loan", api.Request(HttpMethod.Post, "/api/v1/loans", borrowers[b].User.Authorization, body), (_, response) =>
            {
                var loan = JsonNode.Parse(response);
                var loanId = loan?["loan_id"]?.ToString();
                if (loanId is null)
                {
                    return;
                }

                lock (loansByBorrower[b])
                {
                    loansByBorrower[b].Add(loanId);
                }

                foreach (var invitation in ApiClient.Invitations(loanId, loan?["participants"]))
                {
                    if (lenderByEmail.TryGetValue(invitation.LenderEmail, out var lender))
                    {
                        pending.Enqueue((invitation, lender));
                    }
                }
            });
        }

        var result = await context.MeasureOursAsync(name, (_, random) =>
        {
            var roll = random.NextDouble();
            if (roll < 0.8)
            {
                var read = random.Next(3);
                if (read == 0)
                {
                    return new PlannedRequest("my-loans", api.Request(HttpMethod.Get, "/api/v1/me/loans?limit=10", borrowers[random.Next(borrowers.Count)].User.Authorization));
                }

                var lender = lenders[random.Next(lenders.Length)];
                return read == 1
                    ? new PlannedRequest("invitations", api.Request(HttpMethod.Get, "/api/v1/me/invitations?status=pending&limit=10", lender.Authorization))
                    : new PlannedRequest("portfolio", api.Request(HttpMethod.Get, "/api/v1/me/portfolio?limit=10", lender.Authorization));
            }

            var write = random.Next(3);
            if (write == 1)
            {
                var b = random.Next(borrowers.Count);
                string loanId;
                lock (loansByBorrower[b])
                {
                    loanId = loansByBorrower[b][random.Next(loansByBorrower[b].Count)];
                }

                var body = ApiClient.Json(new JsonObject { ["lenders"] = ApiClient.LendersArray([(context.UniqueEmail("mixinvitee"), 100m)]) });
                return new PlannedRequest("add-lender", api.Request(HttpMethod.Post, $"/api/v1/loans/{loanId}/lenders", borrowers[b].User.Authorization, body));
            }

            if (write == 2 && pending.TryDequeue(out var next))
            {
                return new PlannedRequest("accept", api.Request(HttpMethod.Post,
                    $"/api/v1/loans/{next.Invitation.LoanId}/participants/{next.Invitation.ParticipantId}/accept",
                    next.Lender.Authorization, achBodies[next.Lender.Email]));
            }

            return Create(random);
        });
        result.Extra["users"] = borrowers.Count + lenders.Length;
        return [result];
    }
}
