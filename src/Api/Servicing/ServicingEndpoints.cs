using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Api.Servicing;

/// <summary>
/// A funded loan's disbursement, its schedule and its payoff quote. Repayments are in <see cref="RepaymentEndpoints"/>.
/// Days ("today", future dates) are the cluster's UTC date, so the grain checks them.
/// </summary>
internal static class ServicingEndpoints
{
    private const string NotVisible = "No loan with this id is visible to you.";

    public static IEndpointRouteBuilder MapServicingEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans/{loan_id:guid}").WithTags("Servicing").RequireAuthorization();
        loans.MapPost("/disbursement", DisburseAsync)
            .WithName("DisburseLoan")
            .AcceptsIdempotencyKey()
            .ReturnsETag()
            .WithSummary("Record the disbursement")
            .WithDescription("The borrower records the day the funds were received (disbursed_on, YYYY-MM-DD, not in the future) "
                + "on a FUNDED loan: it becomes ACTIVE with its monthly schedule, every accepted lender's share fixed by its "
                + "contribution. Installments already late by then are recorded at once. The same date again answers the "
                + "same loan without a change; another date, or a loan not FUNDED, is a 409. Borrower only. Honours Idempotency-Key.")
            .WithExamples(ServicingExamples.Disburse, ServicingExamples.Disbursed)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);
        loans.MapGet("/schedule", ScheduleAsync)
            .WithName("GetLoanSchedule")
            .WithSummary("Repayment schedule")
            .WithDescription("Every installment with its due date, principal, interest and what was paid, and its status today: "
                + "DUE, PARTIALLY_PAID, PAID, or LATE once unpaid past the grace period. Borrower or accepted lender; 409 "
                + "before the loan is disbursed.")
            .WithExamples(response: ServicingExamples.Schedule)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        loans.MapGet("/payoff", PayoffAsync)
            .WithName("GetLoanPayoff")
            .WithSummary("Payoff quote")
            .WithDescription("What settles the loan on a day (?on=YYYY-MM-DD, today when left out): all principal still owed "
                + "plus the unpaid interest of installments due by then; later interest is waived by a payoff repayment of "
                + "exactly this amount. Borrower or accepted lender; 409 before the loan is disbursed.")
            .WithExamples(response: ServicingExamples.Payoff)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                QueryParameters.Describe(operation, "on", "The day of the quote (YYYY-MM-DD, not before the disbursement); today by default.");
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<LoanResponse>, ValidationProblem>> DisburseAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromBody] DisburseLoanRequest? request, Caller caller, HttpContext context,
        IClusterClient cluster, IdempotencyKeys idempotency)
    {
        if (request?.DisbursedOn is not { } disbursedOn)
        {
            return ApiResults.Invalid("disbursed_on", "Is required (YYYY-MM-DD).");
        }

        var token = idempotency.TokenFor(context, request);
        var result = await cluster.GetGrain<ILoanServicingGrain>(loanId).DisburseAsync(new DisburseLoan(caller.Actor, disbursedOn, token));
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        context.Response.Headers.ETag = LoanMapping.ETag(result.Value.Version);
        return TypedResults.Ok(LoanMapping.ToResponse(result.Value));
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> ScheduleAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, Caller caller, IClusterClient cluster)
    {
        var schedule = await cluster.GetGrain<ILoanServicingGrain>(loanId).GetScheduleAsync(caller.Viewer);
        return schedule is null ? ApiResults.NotFound(NotVisible) : TypedResults.Ok(ServicingMapping.ToResponse(schedule));
    }

    private static async Task<Results<Ok<PayoffResponse>, ProblemHttpResult>> PayoffAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromQuery(Name = "on")] DateOnly? on, Caller caller, IClusterClient cluster,
        TimeProvider clock)
    {
        var day = on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var quote = await cluster.GetGrain<ILoanServicingGrain>(loanId).GetPayoffAsync(caller.Viewer, day);
        return quote is null ? ApiResults.NotFound(NotVisible) : TypedResults.Ok(ServicingMapping.ToResponse(quote));
    }
}
