using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PrivateLending.Api.Tests.Infrastructure.Consistency;

/// <summary>
/// Reads a <see cref="ConsistencySnapshot"/> through the public API, as the users themselves would: every page of
/// each user's my-loans, invitations (pending, accepted, declined) and portfolio, then a GET of every loan that is
/// known or named by one of those pages. Transient answers (429, 503) are retried; anything else unexpected throws.
/// </summary>
public sealed class HttpSnapshotReader(TestApi api)
{
    private const int PageSize = 100;
    private static readonly string[] InvitationFilters = ["pending", "accepted", "declined"];

    /// <param name="users">The accounts whose indexes to read (each read as borrower and as lender).</param>
    /// <param name="knownLoans">Loans the caller knows of, with the token of a user allowed to read each.</param>
    public async Task<ConsistencySnapshot> ReadAsync(IReadOnlyList<TestUser> users, IReadOnlyDictionary<Guid, string> knownLoans)
    {
        var readers = new Dictionary<Guid, string>(knownLoans);
        var borrowers = new Dictionary<Guid, IReadOnlyList<Guid>>();
        var lenders = new Dictionary<Guid, LenderListings>();
        foreach (var user in users)
        {
            var mine = await PagesAsync("/api/v1/me/loans", user.Token);
            borrowers[user.UserId] = [.. mine.Items.Select(i => Id(i["loan_id"]))];

            var invitations = new List<ListedParticipation>();
            foreach (var filter in InvitationFilters)
            {
                invitations.AddRange((await PagesAsync($"/api/v1/me/invitations?status={filter}", user.Token)).Items.Select(Listed));
            }

            var portfolio = await PagesAsync("/api/v1/me/portfolio", user.Token);
            lenders[user.UserId] = new LenderListings(
                invitations, [.. portfolio.Items.Select(Listed)],
                portfolio.Last["total_committed"]!.GetValue<decimal>(), portfolio.Last["total_count"]!.GetValue<int>());

            foreach (var loanId in borrowers[user.UserId].Concat(invitations.Select(i => i.LoanId)))
            {
                readers.TryAdd(loanId, user.Token);
            }
        }

        var loans = new Dictionary<Guid, LoanRecord>();
        var missing = new List<Guid>();
        foreach (var (loanId, token) in readers)
        {
            var response = await GetAsync($"/api/v1/loans/{loanId}", token);
            if (response.Status == HttpStatusCode.NotFound)
            {
                missing.Add(loanId);
                continue;
            }

            loans[loanId] = ToLoan(response.Json);
        }

        return new ConsistencySnapshot(
            [.. users.Select(u => new AccountRecord(u.UserId, u.Email))], loans, missing, borrowers, lenders);
    }

    private static LoanRecord ToLoan(JsonNode loan) => new(
        Id(loan["loan_id"]),
        Id(loan["borrower_id"]),
        loan["amount"]!.GetValue<decimal>(),
        loan["status"]!.GetValue<string>(),
        loan["total_funded"]!.GetValue<decimal>(),
        [.. loan["participants"]!.AsArray().Select(p => new ParticipantRecord(
            Id(p!["participant_id"]),
            p["lender_email"]!.GetValue<string>(),
            p["lender_id"] is { } lender ? Id(lender) : null,
            p["contribution_amount"]!.GetValue<decimal>(),
            p["status"]!.GetValue<string>()))]);

    private static ListedParticipation Listed(JsonNode item) =>
        new(Id(item["loan_id"]), Id(item["participant_id"]), item["status"]!.GetValue<string>());

    private static Guid Id(JsonNode? node) => Guid.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>Every item of every page of a listing, and the last page (for totals).</summary>
    private async Task<(List<JsonNode> Items, JsonNode Last)> PagesAsync(string path, string token)
    {
        var items = new List<JsonNode>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? next = null;
        while (true)
        {
            var url = $"{path}{separator}limit={PageSize}" + (next is null ? "" : $"&next_token={Uri.EscapeDataString(next)}");
            var response = await GetAsync(url, token);
            if (response.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.Status}: {response.Body}");
            }

            var page = response.Json;
            items.AddRange(page["data"]!.AsArray().Select(i => i!));
            next = page["has_more"]!.GetValue<bool>() ? page["next_token"]!.GetValue<string>() : null;
            if (next is null)
            {
                return (items, page);
            }
        }
    }

    /// <summary>A GET, retried while the system answers 429 or 503 (at most about a minute).</summary>
    private async Task<ApiResponse> GetAsync(string path, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await api.GetAsync(path, token);
            if (response.Status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt == 30)
            {
                return response;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
