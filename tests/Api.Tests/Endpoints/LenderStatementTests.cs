using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using static PrivateLending.Api.Tests.Infrastructure.ServicingSteps;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// End to end over HTTP: fund → disburse in the past → late → repayments → COMPLETED, and each lender's portfolio
/// totals and statement (JSON and CSV) match their share of every repayment; their live stream carries only it.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class LenderStatementTests(ApiFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Servicing_LateThenRepaidToCompleted_PortfolioAndStatementMatchTheLines()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync(Api);
        var disbursedOn = Today.AddDays(-40);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(disbursedOn), borrower.Token)).Status);
        var late = (await Api.GetAsync($"/api/v1/loans/{loanId}", lenders[1].Token)).Json;
        Assert.True(late["days_past_due"]!.GetValue<int>() > 0);
        Assert.Equal("LATE", (await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", borrower.Token)).Json["installments"]![0]!["status"]!.GetValue<string>());

        var first = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(200m, Today.AddDays(-1)), borrower.Token);
        var quote = (await Api.GetAsync($"/api/v1/loans/{loanId}/payoff?on={Date(Today)}", borrower.Token)).Json["amount"]!.GetValue<decimal>();
        var last = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(quote, Today, payoff: true), borrower.Token);
        Assert.Equal("COMPLETED", last.Json["loan_status"]!.GetValue<string>());

        var lines = new[] { first, last }.Select(r => r.Json["distributions"]!.AsArray()
            .Single(d => d!["lender_id"]!.GetValue<Guid>() == lenders[1].UserId)!).ToList();
        var (principal, interest) = (lines.Sum(l => l["principal"]!.GetValue<decimal>()), lines.Sum(l => l["interest"]!.GetValue<decimal>()));
        Assert.Equal(400m, principal);
        var portfolio = await EventuallyAsync(() => Api.GetAsync("/api/v1/me/portfolio", lenders[1].Token),
            p => p.Json["total_repaid"]!.GetValue<decimal>() == principal);
        Assert.Equal(interest, portfolio.Json["total_interest_received"]!.GetValue<decimal>());
        Assert.Equal(0m, portfolio.Json["total_outstanding"]!.GetValue<decimal>());
        var item = portfolio.Json["data"]!.AsArray().Single(i => i!["loan_id"]!.GetValue<string>() == loanId)!;
        Assert.Null(item["next_payment_due"]);
        Assert.Equal("COMPLETED", item["loan_status"]!.GetValue<string>());

        var statement = await Api.GetAsync("/api/v1/me/distributions?limit=1", lenders[1].Token);
        Assert.Equal(HttpStatusCode.OK, statement.Status);
        var newest = Assert.Single(statement.Json["data"]!.AsArray())!;
        Assert.Equal(last.Json["repayment_id"]!.GetValue<string>(), newest["repayment_id"]!.GetValue<string>());
        Assert.Equal(lines[1]["amount"]!.GetValue<decimal>(), newest["amount"]!.GetValue<decimal>());
        var next = await Api.GetAsync($"/api/v1/me/distributions?limit=1&next_token={Uri.EscapeDataString(statement.Json["next_token"]!.GetValue<string>())}", lenders[1].Token);
        Assert.Equal(first.Json["repayment_id"]!.GetValue<string>(), Assert.Single(next.Json["data"]!.AsArray())!["repayment_id"]!.GetValue<string>());
        Assert.Null(next.Json["next_token"]);

        var csv = await CsvAsync(lenders[1]);
        Assert.Equal("text/csv", csv.MediaType);
        var rows = csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("paid_on,loan_id,borrower_name,repayment_id,sequence,principal,interest,amount", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.Equal(principal + interest, rows.Skip(1).Sum(r => decimal.Parse(r.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty((await Api.GetAsync("/api/v1/me/distributions", borrower.Token)).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task MyEvents_Repayment_LenderGetsOnlyTheirShareBorrowerEveryLine()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync(Api);
        await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today), borrower.Token);
        await using var borrowerEvents = await SseConnection.OpenAsync(Api.Http, "/api/v1/me/events", borrower.Token);
        await using var lenderEvents = await SseConnection.OpenAsync(Api.Http, "/api/v1/me/events", lenders[0].Token);
        Assert.Equal("ready", (await borrowerEvents.NextAsync(Soon)).Type);
        Assert.Equal("ready", (await lenderEvents.NextAsync(Soon)).Type);

        var repaid = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(100m, Today), borrower.Token);

        var toBorrower = await RepaymentEventAsync(borrowerEvents);
        var toLender = await RepaymentEventAsync(lenderEvents);
        Assert.Equal(2, toBorrower["repayment"]!["distributions"]!.AsArray().Count);
        var line = Assert.Single(toLender["repayment"]!["distributions"]!.AsArray())!;
        Assert.Equal(lenders[0].UserId, line["lender_id"]!.GetValue<Guid>());
        Assert.Equal(repaid.Json["repayment_id"]!.GetValue<string>(), toLender["repayment"]!["repayment_id"]!.GetValue<string>());
        Assert.Contains("repayment.received", toLender["events"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    private static async Task<JsonNode> RepaymentEventAsync(SseConnection events)
    {
        while (true)
        {
            var next = await events.NextAsync(Soon);
            if (next.Type == "funding" && next.Json["repayment"] is not null)
            {
                return next.Json;
            }
        }
    }

    private async Task<ApiResponse> CsvAsync(TestUser user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/distributions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return await Api.SendAsync(request);
    }

    /// <summary>Polls until <paramref name="done"/> holds (lenders' totals follow a repayment through the loan's outbox), or fails after 10 s.</summary>
    private static async Task<ApiResponse> EventuallyAsync(Func<Task<ApiResponse>> probe, Func<ApiResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await probe();
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(50);
        }
    }
}
