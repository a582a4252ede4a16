using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Api.Servicing;

/// <summary>Repayments of a disbursed loan: record one, list them, read one.</summary>
internal static class RepaymentEndpoints
{
    /// <summary>The longest reference a borrower may attach to a repayment.</summary>
    public const int MaxReferenceLength = 100;

    private const string NotVisible = "No loan with this id is visible to you.";

    public static IEndpointRouteBuilder MapRepaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans/{loan_id:guid}").WithTags("Servicing").RequireAuthorization();
        loans.MapPost("/repayments", RepayAsync)
            .WithName("RecordRepayment")
            .AcceptsIdempotencyKey()
            .WithSummary("Record a repayment")
            .WithDescription("The borrower records a repayment (amount, paid_on not before the disbursement nor in the future, an "
                + "optional reference). It pays the installments first due first, each one's interest then its principal, and "
                + "is split among the accepted lenders pro rata to the cent. With payoff true the amount must be the payoff "
                + "quote on paid_on (422 PAYOFF_MISMATCH) and later interest is waived. More than is owed is 422 OVERPAYMENT. "
                + "The loan is COMPLETED when nothing remains. Honours Idempotency-Key: a retry is the same repayment.")
            .WithExamples(ServicingExamples.Repay, ServicingExamples.Repayment)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);
        loans.MapGet("/repayments", ListAsync)
            .WithName("ListRepayments")
            .WithSummary("Repayments")
            .WithDescription("The loan's repayments, oldest first. The borrower sees every lender's share; a lender sees only "
                + "its own. Borrower or accepted lender; 409 before the loan is disbursed. Page with limit and next_token.")
            .WithExamples(response: ServicingExamples.Repayments)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        loans.MapGet("/repayments/{repayment_id:guid}", GetAsync)
            .WithName("GetRepayment")
            .WithSummary("One repayment")
            .WithDescription("A repayment as recorded (a lender sees only its own share). Borrower or accepted lender.")
            .WithExamples(response: ServicingExamples.Repayment)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<RepaymentResponse>, ValidationProblem>> RepayAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromBody] RepaymentRequest? request, Caller caller, HttpContext context,
        IClusterClient cluster)
    {
        var errors = Validate(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        // With a key the id derives from (loan, borrower, key): a retry is the same repayment, which the loan replays.
        var repaymentId = RepaymentIds.For(loanId, caller.UserId, IdempotencyKeys.ReadKey(context.Request));
        var command = new RecordRepayment(caller.Actor, repaymentId, request!.Amount!.Value, request.PaidOn!.Value,
            request.Payoff ?? false, request.Reference?.Trim());
        var result = await cluster.GetGrain<ILoanServicingGrain>(loanId).RepayAsync(command);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Created($"/api/v1/loans/{loanId}/repayments/{result.Value.RepaymentId}", ServicingMapping.ToResponse(result.Value));
    }

    private static async Task<Results<Ok<PageResponse<RepaymentResponse>>, ProblemHttpResult>> ListAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, int? limit, [FromQuery(Name = "next_token")] string? nextToken,
        Caller caller, IClusterClient cluster, PageTokens pages)
    {
        var listing = $"loans/{loanId:N}/repayments";
        var page = await cluster.GetGrain<ILoanServicingGrain>(loanId)
            .GetRepaymentsAsync(caller.Viewer, pages.Request(limit, nextToken, caller.UserId, listing));
        return page is null
            ? ApiResults.NotFound(NotVisible)
            : TypedResults.Ok(pages.Response(page, ServicingMapping.ToResponse, caller.UserId, listing));
    }

    private static async Task<Results<Ok<RepaymentResponse>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "repayment_id")] Guid repaymentId, Caller caller,
        IClusterClient cluster)
    {
        var repayment = await cluster.GetGrain<ILoanServicingGrain>(loanId).GetRepaymentAsync(caller.Viewer, repaymentId);
        return repayment is null
            ? ApiResults.NotFound("No repayment with this id is visible to you.")
            : TypedResults.Ok(ServicingMapping.ToResponse(repayment));
    }

    /// <summary>Field rules checked before the grain call; the dates against today are the grain's (its clock).</summary>
    internal static FieldErrors Validate(RepaymentRequest? request)
    {
        var errors = new FieldErrors();
        errors.When(request?.Amount is null, "amount", "Is required.");
        errors.When(request?.Amount is <= 0, "amount", "Must be greater than 0.");
        errors.When(request?.Amount is { } amount && decimal.Round(amount, 2) != amount, "amount", "Must have at most 2 decimal places.");
        errors.When(request?.PaidOn is null, "paid_on", "Is required (YYYY-MM-DD).");
        errors.When(request?.Reference is { Length: > MaxReferenceLength }, "reference", $"Must be at most {MaxReferenceLength} characters.");
        return errors;
    }
}
