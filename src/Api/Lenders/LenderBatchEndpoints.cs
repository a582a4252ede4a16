using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Lenders;

internal static class LenderBatchEndpoints
{
    public static IEndpointRouteBuilder MapLenderBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans/{loan_id:guid}").WithTags("Lenders").RequireAuthorization();
        loans.MapPost("/lenders/batch", AddBatchAsync)
            .WithName("AddLendersBatch")
            .AcceptsIdempotencyKey()
            .WithSummary("Invite lenders one by one")
            .WithDescription($"Invites 1–{LoanLimits.MaxLendersPerRequest} lenders to a PENDING loan, each checked and added on "
                + "its own against the loan as the lenders before it left it, in one change of the loan (one version). "
                + "Answers 200 with a result per lender in request order: status created with the participant, or failed "
                + "with the problem code (VALIDATION_ERROR, DUPLICATE_LENDER, OVER_FUNDING, CONFLICT) and message; and a "
                + "summary; created participants name no account. Only the borrower may invite; 409 when the loan is not PENDING; "
                + "429 INVITATION_QUOTA_EXCEEDED (with Retry-After), nobody invited, when those created would pass the caller's "
                + "daily invitations. Honours Idempotency-Key.")
            .WithExamples(LenderBatchExamples.Request, LenderBatchExamples.Response)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<LenderBatchResponse>, ValidationProblem>> AddBatchAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, AddLendersBatchRequest request, Caller caller, HttpContext context,
        IClusterClient cluster, IdempotencyKeys idempotency)
    {
        var errors = new FieldErrors();
        if (!LoanLimits.CheckLenderCount(errors, request.Lenders?.Count ?? 0, minimum: 1))
        {
            return ApiResults.Invalid(errors);
        }

        // Per-lender rules are checked by the loan, so each refusal comes back in its place; a missing member
        // arrives as an empty value that fails the same rule.
        var lenders = request.Lenders!.Select(l => new LenderInvite(l?.Email?.Trim() ?? "", l?.Amount ?? 0m)).ToImmutableArray();
        var command = new AddLenders(caller.Actor, lenders, idempotency.TokenFor(context, request));
        var result = await cluster.GetGrain<ILoanGrain>(loanId).AddLendersBatchAsync(command);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Ok(ToResponse(result.Value));
    }

    public static LenderBatchResponse ToResponse(LenderBatch batch)
    {
        var results = batch.Results.Select(r => r.Participant is { } p
            ? new LenderBatchResultResponse(r.Index, "created", LoanMapping.ToResponse(p), null, null, null)
            : new LenderBatchResultResponse(
                r.Index, "failed", null, ExceptionProblemMapper.Classify(r.Code ?? default).Code, r.Message, r.Errors)).ToList();
        var succeeded = results.Count(r => r.Participant is not null);
        return new LenderBatchResponse(
            batch.LoanId, batch.Version, results, new LenderBatchSummaryResponse(results.Count, succeeded, results.Count - succeeded),
            LoanMapping.ToResponse(batch.Funding));
    }
}
