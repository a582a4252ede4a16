using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Lenders;

internal static class LenderEndpoints
{
    public const string PortfolioListing = "me/portfolio";

    /// <summary>The <c>status</c> values of my-invitations, as the handler reads them and the document lists them.</summary>
    private static readonly IReadOnlyDictionary<string, ParticipantStatus> StatusFilters =
        new Dictionary<string, ParticipantStatus>(StringComparer.Ordinal)
        {
            ["pending"] = ParticipantStatus.Pending,
            ["accepted"] = ParticipantStatus.Accepted,
            ["declined"] = ParticipantStatus.Declined,
        };

    public static IEndpointRouteBuilder MapLenderEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans/{loan_id:guid}").WithTags("Lenders").RequireAuthorization();
        loans.MapPost("/lenders", AddLendersAsync)
            .WithName("AddLenders")
            .AcceptsIdempotencyKey()
            .WithSummary("Invite lenders")
            .WithDescription($"Invites 1–{LoanLimits.MaxLendersPerRequest} lenders to a PENDING loan, all or none: 409 "
                + "DUPLICATE_LENDER when an email is already invited, 409 OVER_FUNDING when contributions would pass the "
                + "amount, 400 for inviting yourself, 429 INVITATION_QUOTA_EXCEEDED (with Retry-After) when they would pass the "
                + "caller's daily invitations. The answer names no account (lender_id and lender_name are null) whether or not "
                + "the address has one. Only the borrower may invite. Honours Idempotency-Key.")
            .WithExamples(LenderExamples.Add, LenderExamples.Added)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);
        loans.MapPost("/participants/{participant_id:guid}/accept", AcceptAsync)
            .WithName("AcceptInvitation")
            .AcceptsIdempotencyKey()
            .WithSummary("Accept an invitation")
            .WithDescription("The invited lender accepts with bank details (stored encrypted; only the last 4 digits are ever "
                + "shown) and the terms_version of the terms they read (from the invitation or the loan): 428 "
                + "PRECONDITION_REQUIRED without it, 412 TERMS_CHANGED when the borrower changed the terms since (read them "
                + "again). The loan becomes FUNDED when accepted contributions reach its amount. Honours Idempotency-Key.")
            .WithExamples(LenderExamples.Accept, LenderExamples.Accepted)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);
        loans.MapPost("/participants/{participant_id:guid}/decline", DeclineAsync)
            .WithName("DeclineInvitation")
            .AcceptsIdempotencyKey()
            .WithSummary("Decline an invitation")
            .WithDescription("The invited lender declines; the contribution stops counting towards the loan and the email "
                + "may be invited again. Honours Idempotency-Key.")
            .WithExamples(response: LenderExamples.Declined)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);

        var me = app.MapGroup("/api/v1/me").WithTags("Lenders").RequireAuthorization();
        me.MapGet("/invitations", ListInvitationsAsync)
            .WithName("ListMyInvitations")
            .WithSummary("My invitations")
            .WithDescription("Invitations addressed to the caller's email, newest first, filtered by status: pending (the "
                + "default; only loans still PENDING), accepted or declined. Page with limit and next_token.")
            .WithExamples(response: LenderExamples.Invitations)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                QueryParameters.Enum(operation, "status", StatusFilters.Keys, "pending", "Which invitations to list.");
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest);
        me.MapGet("/portfolio", PortfolioAsync)
            .WithName("GetMyPortfolio")
            .WithSummary("My portfolio")
            .WithDescription("Accepted participations on loans that are not cancelled, newest first, with total_committed "
                + "and total_count over the whole portfolio. Items of disbursed loans add the caller's principal_outstanding, "
                + "principal_repaid, interest_received and next_payment_due (null before disbursement); the page adds "
                + "total_outstanding, total_repaid and total_interest_received over the whole portfolio, kept by the lender's "
                + "index from each repayment (moments behind the loan itself). Page with limit and next_token.")
            .WithExamples(response: LenderExamples.Portfolio)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Created<LenderAdditionResponse>, ValidationProblem>> AddLendersAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, AddLendersRequest request, Caller caller, HttpContext context,
        IClusterClient cluster, IdempotencyKeys idempotency)
    {
        var errors = new FieldErrors();
        LoanValidation.Lenders(errors, request.Lenders, caller.NormalizedEmail);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var lenders = request.Lenders!.Select(LoanValidation.ToInvite).ToImmutableArray();
        var command = new AddLenders(caller.Actor, lenders, idempotency.TokenFor(context, request));
        var result = await cluster.GetGrain<ILoanGrain>(loanId).AddLendersAsync(command);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Created($"/api/v1/loans/{loanId}", LenderMapping.ToResponse(result.Value));
    }

    private static async Task<Results<Ok<ParticipationResultResponse>, ValidationProblem>> AcceptAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "participant_id")] Guid participantId,
        [FromBody] AcceptInvitationRequest? request, Caller caller, HttpContext context, IClusterClient cluster,
        IdempotencyKeys idempotency, AchProtector achProtector)
    {
        var errors = new FieldErrors();
        var ach = AchDetails.Validate(request?.Ach, errors);
        if (ach is null)
        {
            return ApiResults.Invalid(errors);
        }

        // The loan checks the terms version (428 without one, 412 once the terms moved on), so no client can skip it.
        var command = new RespondToInvitation(caller.Actor, participantId, achProtector.Protect(ach),
            idempotency.TokenFor(context, request), request?.TermsVersion);
        var result = await cluster.GetGrain<ILoanGrain>(loanId).AcceptAsync(command);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Ok(LenderMapping.ToResponse(result.Value));
    }

    private static async Task<Ok<ParticipationResultResponse>> DeclineAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromRoute(Name = "participant_id")] Guid participantId,
        Caller caller, HttpContext context, IClusterClient cluster, IdempotencyKeys idempotency)
    {
        var command = new RespondToInvitation(caller.Actor, participantId, null, idempotency.TokenFor<object?>(context, null));
        var result = await cluster.GetGrain<ILoanGrain>(loanId).DeclineAsync(command);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Ok(LenderMapping.ToResponse(result.Value));
    }

    private static async Task<Results<Ok<PageResponse<InvitationResponse>>, ValidationProblem>> ListInvitationsAsync(
        string? status, int? limit, [FromQuery(Name = "next_token")] string? nextToken, Caller caller,
        IClusterClient cluster, PageTokens pages)
    {
        // Invitations are addressed to the email: whoever registered it first must prove they own it.
        caller.RequireVerifiedEmail();
        var key = string.IsNullOrWhiteSpace(status) ? "pending" : status.Trim().ToLowerInvariant();
        if (!StatusFilters.TryGetValue(key, out var filter))
        {
            return ApiResults.Invalid("status", $"Must be one of: {string.Join(", ", StatusFilters.Keys)}.");
        }

        // The token is bound to the status too, so a pending-list token cannot page the accepted list.
        var listing = "me/invitations/" + filter.ToString().ToLowerInvariant();
        var request = pages.Request(limit, nextToken, caller.UserId, listing);
        var page = await cluster.GetGrain<IInvitationIndexGrain>(caller.EmailKey).GetInvitationsAsync(filter, request);
        return TypedResults.Ok(pages.Response(page, LenderMapping.ToResponse, caller.UserId, listing));
    }

    private static async Task<Ok<PortfolioResponse>> PortfolioAsync(
        int? limit, [FromQuery(Name = "next_token")] string? nextToken, Caller caller, IClusterClient cluster,
        PageTokens pages)
    {
        var request = pages.Request(limit, nextToken, caller.UserId, PortfolioListing);
        var portfolio = await cluster.GetGrain<IInvitationIndexGrain>(caller.EmailKey).GetPortfolioAsync(request);
        var page = pages.Response(portfolio.Page, LenderMapping.ToResponse, caller.UserId, PortfolioListing);
        return TypedResults.Ok(new PortfolioResponse(page.Data, page.Count, page.HasMore, page.NextToken,
            portfolio.TotalCommitted, portfolio.TotalCount, portfolio.TotalOutstanding, portfolio.TotalRepaid,
            portfolio.TotalInterestReceived));
    }
}
