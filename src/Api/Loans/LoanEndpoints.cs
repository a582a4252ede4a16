using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

internal static class LoanEndpoints
{
    /// <summary>Binds my-loans page tokens to this listing.</summary>
    public const string MyLoansListing = "me/loans";

    /// <summary>The <c>status</c> values of my-loans, as clients write them (the loan's status names).</summary>
    private static readonly IReadOnlyDictionary<string, LoanStatus> StatusFilters =
        Enum.GetValues<LoanStatus>().ToDictionary(s => s.ToString().ToUpperInvariant(), s => s, StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapLoanEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans").WithTags("Loans").RequireAuthorization();
        loans.MapPost("", CreateAsync)
            .WithName("CreateLoan")
            .AcceptsIdempotencyKey()
            .ReturnsETag()
            .WithSummary("Create a loan")
            .WithDescription("Creates a PENDING loan for the caller as borrower, optionally inviting lenders in the same call "
                + "(all or none: 409 DUPLICATE_LENDER or OVER_FUNDING; 429 INVITATION_QUOTA_EXCEEDED past the caller's daily "
                + "invitations). Answers the loan with its ETag (the version) and terms_version (1); invited participants are "
                + "answered without any account's id or name. "
                + "Honours Idempotency-Key. A loan still PENDING at its funding_deadline becomes EXPIRED and accepts no further change (409).")
            .WithExamples(LoanExamples.Create, LoanExamples.Loan)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        loans.MapGet("/{loan_id:guid}", GetAsync)
            .WithName("GetLoan")
            .ReturnsETag()
            .WithSummary("Get a loan")
            .WithDescription("A loan visible to its borrower and participants; 404 for anyone else, so ids reveal nothing. "
                + "?fields=a,b keeps only those members. The ETag header holds the version for If-Match.")
            .WithExamples(response: LoanExamples.Loan)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                QueryParameters.Describe(operation, "fields",
                    "Comma-separated member names to keep, e.g. amount,status,total_funded; unknown names are a 400.");
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        loans.MapPatch("/{loan_id:guid}", UpdateAsync)
            .WithName("UpdateLoan")
            .RequiresIfMatch()
            .ReturnsETag()
            .WithSummary("Change a loan's terms")
            .WithDescription("Changes any of amount, interest_rate, term_months and purpose while the loan is PENDING and no "
                + "lender has accepted; members left out keep their value. Requires If-Match: <version> (428 without it, "
                + "412 when stale).")
            .WithExamples(LoanExamples.Update, LoanExamples.Loan with { Purpose = LoanExamples.Update.Purpose!, Version = 3 })
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        loans.MapDelete("/{loan_id:guid}", CancelAsync)
            .WithName("CancelLoan")
            .WithSummary("Cancel a loan")
            .WithDescription("Soft-deletes a PENDING loan with a reason; the loan stays readable as CANCELLED and its "
                + "invitations can no longer be answered.")
            .WithExamples(request: LoanExamples.Cancel)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        var me = app.MapGroup("/api/v1/me").WithTags("Loans").RequireAuthorization();
        me.MapGet("/loans", ListMineAsync)
            .WithName("ListMyLoans")
            .WithSummary("My loans")
            .WithDescription("The caller's loans as borrower, newest first, each with its participants and funding figures. "
                + "status=A,B keeps loans in those statuses; without it every loan but CANCELLED (soft-deleted ones show "
                + "only when asked for). A filtered page may be shorter than limit and still have a next_token. "
                + "Page with limit and next_token.")
            .WithExamples(response: LoanExamples.Page)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                QueryParameters.Describe(operation, "status", "Comma-separated loan statuses to list ("
                    + string.Join(", ", StatusFilters.Keys) + "); by default every status but CANCELLED.");
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Created<LoanResponse>, ValidationProblem>> CreateAsync(
        CreateLoanRequest request, Caller caller, HttpContext context, IClusterClient cluster, IdempotencyKeys idempotency, TimeProvider clock)
    {
        var errors = LoanValidation.Create(request, caller.NormalizedEmail, clock.GetUtcNow());
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var token = idempotency.TokenFor(context, request);
        // With a key the id is derived from (borrower, key): a retried create reaches the same grain, which
        // replays its first answer; without one every call makes a new loan.
        var loanId = LoanIds.For(caller.UserId, token?.Key);
        var terms = new LoanTerms(request.Amount!.Value, request.InterestRate!.Value, request.TermMonths!.Value, request.Purpose!.Trim());
        var lenders = (request.Lenders ?? []).Select(LoanValidation.ToInvite).ToImmutableArray();
        var result = await cluster.GetGrain<ILoanGrain>(loanId).CreateAsync(
            new CreateLoan(caller.Actor, terms, lenders, token, request.FundingDeadline));

        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        context.Response.Headers.ETag = LoanMapping.ETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/loans/{result.Value.LoanId}", LoanMapping.ToResponse(result.Value));
    }

    private static async Task<Results<Ok<LoanResponse>, JsonHttpResult<JsonObject>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromQuery] string? fields, Caller caller, HttpContext context,
        IClusterClient cluster, IOptions<JsonOptions> json)
    {
        var loan = await cluster.GetGrain<ILoanGrain>(loanId).GetAsync(caller.Viewer);
        if (loan is null)
        {
            // Same answer for "does not exist" and "not yours": ids of other people's loans reveal nothing.
            return ApiResults.NotFound("No loan with this id is visible to you.");
        }

        var response = LoanMapping.ToResponse(loan);
        context.Response.Headers.ETag = LoanMapping.ETag(loan.Version);
        return FieldSelection.Select(response, fields, json.Value.SerializerOptions) is { } selected
            ? TypedResults.Json(selected, json.Value.SerializerOptions)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<LoanResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, UpdateLoanRequest request, Caller caller, HttpContext context,
        IClusterClient cluster)
    {
        switch (IfMatch.TryRead(context.Request, out var expectedVersion))
        {
            case IfMatch.Outcome.Missing:
                return ProblemEnricher.Result(StatusCodes.Status428PreconditionRequired, ProblemCodes.PreconditionRequired,
                    "Send If-Match with the loan's current version (its ETag or the version number).");
            case IfMatch.Outcome.Invalid:
                return ApiResults.Invalid("If-Match", "Must be the loan's version, for example \"3\".");
        }

        var errors = LoanValidation.Update(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var command = new UpdateLoanTerms(caller.Actor, expectedVersion, request.Amount, request.InterestRate,
            request.TermMonths, request.Purpose?.Trim());
        var loan = await cluster.GetGrain<ILoanGrain>(loanId).UpdateTermsAsync(command);
        context.Response.Headers.ETag = LoanMapping.ETag(loan.Version);
        return TypedResults.Ok(LoanMapping.ToResponse(loan));
    }

    private static async Task<Results<NoContent, ValidationProblem>> CancelAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, [FromBody] CancelLoanRequest? request, Caller caller,
        IClusterClient cluster)
    {
        var errors = LoanValidation.Cancel(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        await cluster.GetGrain<ILoanGrain>(loanId).CancelAsync(new CancelLoan(caller.Actor, request!.Reason!.Trim()));
        return TypedResults.NoContent();
    }

    private static async Task<Results<LoanPageResult, ValidationProblem>> ListMineAsync(
        string? status, int? limit, [FromQuery(Name = "next_token")] string? nextToken, Caller caller, IClusterClient cluster,
        PageTokens pages)
    {
        var statuses = ImmutableArray<LoanStatus>.Empty;
        if (status is not null)
        {
            var names = status.Split(',', StringSplitOptions.TrimEntries);
            if (names.Any(n => !StatusFilters.ContainsKey(n.ToUpperInvariant())))
            {
                return ApiResults.Invalid("status", $"Must be one or more of: {string.Join(", ", StatusFilters.Keys)}, separated by commas.");
            }

            statuses = [.. names.Select(n => StatusFilters[n.ToUpperInvariant()]).Distinct().Order()];
        }

        // A token is bound to its filter too: a token of one status's list cannot page another's.
        var listing = statuses.IsEmpty ? MyLoansListing : MyLoansListing + "/" + string.Join(',', statuses);
        var request = pages.Request(limit, nextToken, caller.UserId, listing);
        var page = await cluster.GetGrain<IBorrowerGrain>(caller.UserId).GetLoansByStatusAsync(statuses, request);
        // Serialised by generated code into one buffer, sent with a Content-Length (see LoanPageResult).
        return new LoanPageResult(page.Items, pages.NextToken(page, caller.UserId, listing));
    }
}
