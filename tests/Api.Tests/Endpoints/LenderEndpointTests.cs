using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class LenderEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task AddLenders_Valid_Returns201WithAddedParticipantsAndFunding()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m);

        var response = await AddLenders(loan, borrower, (TestApi.UniqueEmail(), 300m), (TestApi.UniqueEmail(), 200m));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal($"/api/v1/loans/{loan["loan_id"]}", response.Headers.Location?.OriginalString);
        Assert.Equal(loan["loan_id"]!.GetValue<string>(), response.Json["loan_id"]!.GetValue<string>());
        Assert.Equal(2, response.Json["added"]!.AsArray().Count);
        Assert.Equal(500m, response.Json["funding"]!["total_invited"]!.GetValue<decimal>());
        Assert.Equal(2, response.Json["funding"]!["pending_participant_count"]!.GetValue<int>());
        Assert.True(response.Json["version"]!.GetValue<long>() > loan["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task AddLenders_SameEmailTwice_Returns409DuplicateLender()
    {
        var borrower = await Api.NewUserAsync();
        var email = TestApi.UniqueEmail();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (email, 100m));

        var response = await AddLenders(loan, borrower, (email.ToUpperInvariant(), 100m));

        ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "DUPLICATE_LENDER");
    }

    [Fact]
    public async Task AddLenders_AboveAmount_Returns409OverFundingAndAddsNone()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (TestApi.UniqueEmail(), 900m));

        var response = await AddLenders(loan, borrower, (TestApi.UniqueEmail(), 50m), (TestApi.UniqueEmail(), 100m));

        ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "OVER_FUNDING");
        var after = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token);
        Assert.Single(after.Json["participants"]!.AsArray());
    }

    [Fact]
    public async Task AddLenders_SelfInviteOrMoreThan20OrNone_Returns400()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 100_000m);
        var many = Enumerable.Range(0, 21).Select(_ => (TestApi.UniqueEmail(), 10m)).ToArray();

        ProblemAssert.HasFieldError(await AddLenders(loan, borrower, (borrower.Email, 10m)), "lenders[0].email");
        ProblemAssert.HasFieldError(await AddLenders(loan, borrower, many), "lenders");
        ProblemAssert.HasFieldError(await AddLenders(loan, borrower), "lenders");
    }

    [Fact]
    public async Task AddLenders_StrangerGets404_ParticipantGets403()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync();
        var stranger = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 100m));

        ProblemAssert.IsProblem(await AddLenders(loan, stranger, (TestApi.UniqueEmail(), 10m)), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await AddLenders(loan, lender, (TestApi.UniqueEmail(), 10m)), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Portfolio_TwoAcceptedParticipations_ReportsTotalCommitted()
    {
        var lender = await Api.NewUserAsync();
        foreach (var amount in new[] { 250m, 125.50m })
        {
            var borrower = await Api.NewUserAsync();
            var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, amount));
            var participant = loan["participants"]![0]!["participant_id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await Accept(loan["loan_id"]!.GetValue<string>(), participant, lender)).Status);
        }

        var portfolio = await Api.GetAsync("/api/v1/me/portfolio", lender.Token);

        Assert.Equal(HttpStatusCode.OK, portfolio.Status);
        Assert.Equal(375.50m, portfolio.Json["total_committed"]!.GetValue<decimal>());
        Assert.Equal(2, portfolio.Json["count"]!.GetValue<int>());
        Assert.Equal(2, portfolio.Json["total_count"]!.GetValue<int>());
        Assert.All(portfolio.Json["data"]!.AsArray(), item => Assert.Equal("ACCEPTED", item!["status"]!.GetValue<string>()));
        Assert.Empty((await Api.GetAsync("/api/v1/me/invitations", lender.Token)).Json["data"]!.AsArray());
    }

    [Theory]
    [InlineData("011000016", "0001234", "checking", "Holder", "ach.routing_number")]
    [InlineData("01100001", "0001234", "checking", "Holder", "ach.routing_number")]
    [InlineData("01100001A", "0001234", "checking", "Holder", "ach.routing_number")]
    [InlineData("011000015", "123", "checking", "Holder", "ach.account_number")]
    [InlineData("011000015", "123456789012345678", "checking", "Holder", "ach.account_number")]
    [InlineData("011000015", "12345x", "checking", "Holder", "ach.account_number")]
    [InlineData("011000015", "0001234", "brokerage", "Holder", "ach.account_type")]
    [InlineData("011000015", "0001234", "checking", "", "ach.account_holder")]
    public async Task Accept_InvalidAch_Returns400WithFieldError(string routing, string account, string type, string holder, string field)
    {
        var (loanId, participantId, lender, _) = await InvitedLenderAsync();

        var response = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept",
            TestApi.AchBody(holder, routing, account, type), lender.Token);

        ProblemAssert.HasFieldError(response, field);
        // Without the generated members: a short account number like "123" can turn up in a random request id.
        var echoed = response.Json.AsObject();
        echoed.Remove("request_id");
        echoed.Remove("timestamp");
        Assert.DoesNotContain(account, echoed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_WithoutAch_Returns400()
    {
        var (loanId, participantId, lender, _) = await InvitedLenderAsync();

        var response = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", new JsonObject(), lender.Token);

        ProblemAssert.HasFieldError(response, "ach");
    }

    [Fact]
    public async Task Accept_ByStranger404_ByBorrower403()
    {
        var (loanId, participantId, _, borrower) = await InvitedLenderAsync();
        var stranger = await Api.NewUserAsync();

        ProblemAssert.IsProblem(await Accept(loanId, participantId, stranger), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Accept(loanId, participantId, borrower), HttpStatusCode.Forbidden, "FORBIDDEN");
        ProblemAssert.IsProblem(await Accept(loanId, Guid.NewGuid().ToString(), stranger), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Decline_InvitedLender_Returns200AndFreesTheContribution()
    {
        var (loanId, participantId, lender, _) = await InvitedLenderAsync();

        var response = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/decline", null, lender.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("DECLINED", response.Json["participant"]!["status"]!.GetValue<string>());
        Assert.Equal(0m, response.Json["funding"]!["total_invited"]!.GetValue<decimal>());
        var declined = await Api.GetAsync("/api/v1/me/invitations?status=declined", lender.Token);
        Assert.Equal(participantId, Assert.Single(declined.Json["data"]!.AsArray())!["participant_id"]!.GetValue<string>());
        Assert.Empty((await Api.GetAsync("/api/v1/me/invitations", lender.Token)).Json["data"]!.AsArray());

        var acceptAfter = await Accept(loanId, participantId, lender);
        ProblemAssert.IsProblem(acceptAfter, HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task Invitations_UnknownStatus_Returns400()
    {
        var user = await Api.NewUserAsync();

        var response = await Api.GetAsync("/api/v1/me/invitations?status=maybe", user.Token);

        ProblemAssert.HasFieldError(response, "status");
    }

    private async Task<(string LoanId, string ParticipantId, TestUser Lender, TestUser Borrower)> InvitedLenderAsync()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lena Lender");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 500m));
        return (loan["loan_id"]!.GetValue<string>(), loan["participants"]![0]!["participant_id"]!.GetValue<string>(), lender, borrower);
    }

    private Task<ApiResponse> Accept(string loanId, string participantId, TestUser lender) =>
        Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lender.Name), lender.Token);

    private Task<ApiResponse> AddLenders(JsonNode loan, TestUser user, params (string Email, decimal Amount)[] lenders) =>
        Api.PostAsync($"/api/v1/loans/{loan["loan_id"]}/lenders", new JsonObject { ["lenders"] = TestApi.Lenders(lenders) }, user.Token);
}
