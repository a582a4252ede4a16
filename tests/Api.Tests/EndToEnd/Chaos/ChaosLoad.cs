using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.EndToEnd.Chaos;

/// <summary>
/// A closed-loop load over HTTP: one worker per borrower creating loans and inviting lenders, one worker per lender
/// accepting or declining the invitations addressed to it. Every request goes to the <see cref="OperationLedger"/>.
/// Each operation carries an Idempotency-Key and is retried with it, as a careful client would, after 429/503
/// (waiting the Retry-After) or a lost connection.
/// </summary>
public sealed class ChaosLoad(TestApi api, IReadOnlyList<TestUser> borrowers, IReadOnlyList<TestUser> lenders, OperationLedger ledger)
{
    public const decimal LoanAmount = 1000m;
    public const decimal Contribution = 250m;
    private const int MaxAttempts = 6;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(3);

    private readonly Stopwatch _clock = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(Guid LoanId, Guid ParticipantId)>> _invitations =
        new(lenders.ToDictionary(l => l.Email, _ => new ConcurrentQueue<(Guid, Guid)>()), StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs every worker until <paramref name="stop"/> is cancelled; an operation under way finishes first.</summary>
    public Task RunAsync(CancellationToken stop)
    {
        _clock.Start();
        return Task.WhenAll(borrowers.Select((b, i) => Task.Run(() => BorrowAsync(b, i, stop)))
            .Concat(lenders.Select((l, i) => Task.Run(() => LendAsync(l, i, stop)))));
    }

    private async Task BorrowAsync(TestUser borrower, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        // The client's own view of each loan: who may still be invited, and how much is left. Invitations whose
        // outcome is unknown count as made, so the load never asks for a refusal on purpose.
        var open = new List<(Guid LoanId, HashSet<string> Invited, decimal Left)>();
        while (!stop.IsCancellationRequested)
        {
            var candidates = open.Where(l => l.Left >= Contribution && l.Invited.Count < lenders.Count).ToList();
            if (candidates.Count == 0 || random.NextDouble() < 0.3)
            {
                var invited = lenders.OrderBy(_ => random.Next()).Take(2).Select(l => l.Email).ToList();
                var body = TestApi.LoanBody(LoanAmount, [.. invited.Select(e => (e, Contribution))]);
                var created = await SendAsync("create", borrower, "/api/v1/loans", body);
                if (created?.Status == HttpStatusCode.Created)
                {
                    var loan = created.Json;
                    var loanId = Guid.Parse(loan["loan_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    ledger.LoanCreated(loanId, borrower.UserId, LoanAmount, borrower.Token);
                    Invited(loanId, loan["participants"]!.AsArray());
                    open.Add((loanId, [.. invited], LoanAmount - (invited.Count * Contribution)));
                }
            }
            else
            {
                var index = random.Next(candidates.Count);
                var (loanId, invited, left) = candidates[index];
                var lender = lenders.Where(l => !invited.Contains(l.Email)).OrderBy(_ => random.Next()).First();
                invited.Add(lender.Email);
                open[open.FindIndex(l => l.LoanId == loanId)] = (loanId, invited, left - Contribution);
                var body = new JsonObject { ["lenders"] = TestApi.Lenders((lender.Email, Contribution)) };
                var added = await SendAsync("invite", borrower, $"/api/v1/loans/{loanId}/lenders", body);
                if (added?.Status == HttpStatusCode.Created)
                {
                    Invited(loanId, added.Json["added"]!.AsArray());
                }
            }
        }
    }

    private async Task LendAsync(TestUser lender, int seed, CancellationToken stop)
    {
        var random = new Random(1000 + seed);
        var queue = _invitations[lender.Email];
        while (!stop.IsCancellationRequested)
        {
            if (!queue.TryDequeue(out var invitation))
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            var accept = random.NextDouble() < 0.75;
            var path = $"/api/v1/loans/{invitation.LoanId}/participants/{invitation.ParticipantId}/{(accept ? "accept" : "decline")}";
            var answered = await SendAsync(accept ? "accept" : "decline", lender, path, accept ? TestApi.AchBody(lender.Name) : new JsonObject());
            if (answered?.Status == HttpStatusCode.OK)
            {
                ledger.Answered(invitation.ParticipantId, answered.Json["participant"]!["status"]!.GetValue<string>());
            }
        }
    }

    private void Invited(Guid loanId, JsonArray participants)
    {
        foreach (var participant in participants)
        {
            var participantId = Guid.Parse(participant!["participant_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var email = participant["lender_email"]!.GetValue<string>();
            ledger.ParticipantAdded(loanId, participantId, email, participant["contribution_amount"]!.GetValue<decimal>());
            _invitations[email].Enqueue((loanId, participantId));
        }
    }

    /// <summary>
    /// Sends one operation, retrying it with the same Idempotency-Key after 429/503 or no answer. Returns the final
    /// answer, or null when every attempt went unanswered.
    /// </summary>
    private async Task<ApiResponse?> SendAsync(string operation, TestUser user, string path, JsonObject body)
    {
        ledger.Sent();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") };
        ApiResponse? last = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            TimeSpan wait;
            var sentAt = _clock.Elapsed;
            try
            {
                last = await api.PostAsync(path, body.DeepClone(), user.Token, headers);
                var code = (int)last.Status >= 400 && last.MediaType == "application/problem+json" ? last.Json["code"]?.GetValue<string>() : null;
                ledger.Record(new RequestRecord(operation, attempt, last.Status, code, last.Header("Retry-After") is not null, null, sentAt, _clock.Elapsed));
                if (last.Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                {
                    if ((int)last.Status is >= 200 and < 300)
                    {
                        ledger.AcknowledgedOperation();
                    }

                    return last;
                }

                wait = int.TryParse(last.Header("Retry-After"), CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : MaxRetryWait;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = null;
                ledger.Record(new RequestRecord(operation, attempt, null, null, false, exception.GetType().Name + ": " + exception.Message, sentAt, _clock.Elapsed));
                wait = TimeSpan.FromSeconds(1);
            }

            await Task.Delay(wait < MaxRetryWait ? wait : MaxRetryWait, CancellationToken.None);
        }

        return last;
    }
}
