using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using static PrivateLending.Api.Tests.Infrastructure.ServicingSteps;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>From funded to repaid over HTTP: disbursement, schedule, lateness, repayments, payoff and completion.</summary>
[Collection(SharedApi.Name)]
public sealed class ServicingEndpointTests(ApiFixture fixture)
{
    private static readonly DateOnly Today = ServicingSteps.Today;
    private TestApi Api => fixture.Client;

    private Task<(string LoanId, TestUser Borrower, TestUser[] Lenders)> FundedLoanAsync() => ServicingSteps.FundedLoanAsync(Api);

    [Fact]
    public async Task Servicing_FundedLoanDisbursedInThePast_LateThenRepaidToCompleted()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync();
        var disbursedOn = Today.AddDays(-40);

        var disbursed = await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(disbursedOn), borrower.Token);

        Assert.Equal(HttpStatusCode.OK, disbursed.Status);
        Assert.Equal("ACTIVE", disbursed.Json["status"]!.GetValue<string>());
        Assert.Equal(Date(disbursedOn), disbursed.Json["disbursed_on"]!.GetValue<string>());
        Assert.Equal(1000m, disbursed.Json["outstanding_principal"]!.GetValue<decimal>());
        var again = await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(disbursedOn), borrower.Token);
        Assert.Equal(disbursed.Json["version"]!.GetValue<long>(), again.Json["version"]!.GetValue<long>());

        var schedule = await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", lenders[0].Token);
        Assert.Equal(HttpStatusCode.OK, schedule.Status);
        var installments = schedule.Json["installments"]!.AsArray();
        Assert.Equal(36, installments.Count);
        Assert.Equal("LATE", installments[0]!["status"]!.GetValue<string>());
        Assert.Equal("DUE", installments[1]!["status"]!.GetValue<string>());
        Assert.Equal(Date(disbursedOn.AddMonths(1)), installments[0]!["due_date"]!.GetValue<string>());
        var loan = (await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token)).Json;
        var daysPastDue = Today.DayNumber - disbursedOn.AddMonths(1).DayNumber;
        Assert.Equal(daysPastDue, loan["days_past_due"]!.GetValue<int>());
        Assert.Equal(Date(disbursedOn.AddMonths(1)), loan["next_due_date"]!.GetValue<string>());

        var first = installments[0]!["amount"]!.GetValue<decimal>();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var repaid = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(first, Today, "tx-1"), borrower.Token, key);
        var retried = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(first, Today, "tx-1"), borrower.Token, key);

        Assert.Equal(HttpStatusCode.Created, repaid.Status);
        var repaymentId = repaid.Json["repayment_id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/loans/{loanId}/repayments/{repaymentId}", repaid.Header("Location"));
        Assert.Equal(2, repaid.Json["distributions"]!.AsArray().Count);
        Assert.Equal(first, repaid.Json["distributions"]!.AsArray().Sum(d => d!["amount"]!.GetValue<decimal>()));
        Assert.Equal(repaymentId, retried.Json["repayment_id"]!.GetValue<string>());
        Assert.Equal("true", retried.Header("Idempotent-Replayed"));
        var mine = await Api.GetAsync($"/api/v1/loans/{loanId}/repayments", lenders[1].Token);
        var line = Assert.Single(Assert.Single(mine.Json["data"]!.AsArray())!["distributions"]!.AsArray());
        Assert.Equal(lenders[1].UserId, line!["lender_id"]!.GetValue<Guid>());
        Assert.Equal("PAID", (await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", borrower.Token)).Json["installments"]![0]!["status"]!.GetValue<string>());
        var portfolio = (await Api.GetAsync("/api/v1/me/portfolio", lenders[1].Token)).Json["data"]!.AsArray()
            .Single(i => i!["loan_id"]!.GetValue<string>() == loanId)!;
        Assert.Equal(line["principal"]!.GetValue<decimal>(), portfolio["principal_repaid"]!.GetValue<decimal>());
        Assert.Equal(line["interest"]!.GetValue<decimal>(), portfolio["interest_received"]!.GetValue<decimal>());
        Assert.Equal(400m - line["principal"]!.GetValue<decimal>(), portfolio["principal_outstanding"]!.GetValue<decimal>());

        var payoff = await Api.GetAsync($"/api/v1/loans/{loanId}/payoff?on={Date(Today)}", borrower.Token);
        Assert.Equal(HttpStatusCode.OK, payoff.Status);
        var settled = await Api.PostAsync($"/api/v1/loans/{loanId}/repayments",
            Repayment(payoff.Json["amount"]!.GetValue<decimal>(), Today, payoff: true), borrower.Token);

        Assert.Equal(HttpStatusCode.Created, settled.Status);
        Assert.Equal("COMPLETED", settled.Json["loan_status"]!.GetValue<string>());
        Assert.Equal(0m, settled.Json["outstanding_principal"]!.GetValue<decimal>());
        var completed = (await Api.GetAsync($"/api/v1/loans/{loanId}", lenders[0].Token)).Json;
        Assert.Equal("COMPLETED", completed["status"]!.GetValue<string>());
        Assert.Equal(1000m, completed["repaid_principal"]!.GetValue<decimal>());
        var history = (await Api.GetAsync($"/api/v1/loans/{loanId}/history?limit=100", borrower.Token)).Json["data"]!.AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).ToList();
        // The agreement's records land after the answers that made them due, wherever they fall (AgreementTests checks them).
        Assert.Equal(["loan.disbursed", "installment.late", "repayment.received", "repayment.received", "loan.completed"],
            history.SkipWhile(a => a != "loan.disbursed").Where(a => a != "agreement.generated"));
    }

    [Fact]
    public async Task Disbursement_BadRequests_ProblemsWithStableCodes()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync();
        var stranger = await Api.NewUserAsync();
        var pending = (await Api.CreateLoanAsync(borrower, 1000m))["loan_id"]!.GetValue<string>();

        ProblemAssert.HasFieldError(await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today.AddDays(1)), borrower.Token), "disbursed_on");
        ProblemAssert.HasFieldError(await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", new JsonObject(), borrower.Token), "disbursed_on");
        ProblemAssert.IsProblem(await Api.PostAsync($"/api/v1/loans/{pending}/disbursement", Disbursement(Today), borrower.Token), HttpStatusCode.Conflict, "CONFLICT");
        ProblemAssert.IsProblem(await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today), stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today), lenders[0].Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", borrower.Token), HttpStatusCode.Conflict, "CONFLICT");
        ProblemAssert.IsProblem(await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", Repayment(10m, Today), borrower.Token), HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("FUNDED", (await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token)).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disbursement_IdempotencyKey_ReplayedThenRefusedForAnotherBody()
    {
        var (loanId, borrower, _) = await FundedLoanAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var path = $"/api/v1/loans/{loanId}/disbursement";

        var first = await Api.PostAsync(path, Disbursement(Today.AddDays(-1)), borrower.Token, key);
        var retried = await Api.PostAsync(path, Disbursement(Today.AddDays(-1)), borrower.Token, key);
        var reused = await Api.PostAsync(path, Disbursement(Today.AddDays(-2)), borrower.Token, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("true", retried.Header("Idempotent-Replayed"));
        Assert.Equal(first.Json["version"]!.GetValue<long>(), retried.Json["version"]!.GetValue<long>());
        ProblemAssert.IsProblem(reused, HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task Repayments_BadRequests_ProblemsWithStableCodes()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync();
        var stranger = await Api.NewUserAsync();
        await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today.AddDays(-3)), borrower.Token);
        var path = $"/api/v1/loans/{loanId}/repayments";

        ProblemAssert.IsProblem(await Api.PostAsync(path, Repayment(5000m, Today), borrower.Token), HttpStatusCode.UnprocessableEntity, "OVERPAYMENT");
        ProblemAssert.IsProblem(await Api.PostAsync(path, Repayment(10m, Today, payoff: true), borrower.Token), HttpStatusCode.UnprocessableEntity, "PAYOFF_MISMATCH");
        ProblemAssert.HasFieldError(await Api.PostAsync(path, Repayment(10m, Today.AddDays(1)), borrower.Token), "paid_on");
        ProblemAssert.HasFieldError(await Api.PostAsync(path, Repayment(10m, Today.AddDays(-4)), borrower.Token), "paid_on");
        ProblemAssert.HasFieldError(await Api.PostAsync(path, Repayment(10.001m, Today), borrower.Token), "amount");
        ProblemAssert.IsProblem(await Api.PostAsync(path, Repayment(10m, Today), stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.PostAsync(path, Repayment(10m, Today), lenders[0].Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        ProblemAssert.IsProblem(await Api.GetAsync(path, stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}/payoff", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.HasFieldError(await Api.GetAsync($"/api/v1/loans/{loanId}/payoff?on=yesterday", borrower.Token), "on");
        var none = await Api.GetAsync(path, borrower.Token);
        Assert.Empty(none.Json["data"]!.AsArray());
    }
}
