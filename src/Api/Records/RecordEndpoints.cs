using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Records;

internal static class RecordEndpoints
{
    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/v1/loans/{loan_id:guid}").WithTags("Records").RequireAuthorization();
        loans.MapGet("/history", HistoryAsync)
            .WithName("GetLoanHistory")
            .WithSummary("Loan version history")
            .WithDescription("One entry per change to the loan, oldest first: version, time, actor, action (the change's name, "
                + "shared with webhooks, live events and the audit log: " + string.Join(", ", LoanEvents.All) + "), the changed "
                + "fields with before and after, and the reason of a cancellation. A version that made several changes (an "
                + "acceptance that funded the loan) has one entry each. Borrower or participant; a lender sees other lenders' "
                + "addresses masked, their lender_id null and their changes with the system's actor id (all zeros). Page with "
                + "limit and next_token.")
            .WithExamples(response: RecordExamples.History)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        loans.MapGet("/funding-history", FundingAsync)
            .WithName("GetLoanFundingHistory")
            .WithSummary("Loan funding time series")
            .WithDescription("A point per change that moved the loan's funding, oldest first: time, version, total_invited, "
                + "total_funded, funding_percentage and participant counts by status. Borrower or participant. Page with "
                + "limit and next_token.")
            .WithExamples(response: RecordExamples.Funding)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<LoanHistoryEntryResponse>>, ProblemHttpResult>> HistoryAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, int? limit, [FromQuery(Name = "next_token")] string? nextToken,
        Caller caller, IClusterClient cluster, PageTokens pages)
    {
        var listing = $"loans/{loanId:N}/history";
        var page = await cluster.GetGrain<ILoanGrain>(loanId).GetHistoryAsync(caller.Viewer, pages.Request(limit, nextToken, caller.UserId, listing));
        return page is null
            ? ApiResults.NotFound("No loan with this id is visible to you.")
            : TypedResults.Ok(pages.Response(page, ToResponse, caller.UserId, listing));
    }

    private static async Task<Results<Ok<PageResponse<FundingPointResponse>>, ProblemHttpResult>> FundingAsync(
        [FromRoute(Name = "loan_id")] Guid loanId, int? limit, [FromQuery(Name = "next_token")] string? nextToken,
        Caller caller, IClusterClient cluster, PageTokens pages)
    {
        var listing = $"loans/{loanId:N}/funding-history";
        var page = await cluster.GetGrain<ILoanGrain>(loanId).GetFundingHistoryAsync(caller.Viewer, pages.Request(limit, nextToken, caller.UserId, listing));
        return page is null
            ? ApiResults.NotFound("No loan with this id is visible to you.")
            : TypedResults.Ok(pages.Response(page, ToResponse, caller.UserId, listing));
    }

    private static LoanHistoryEntryResponse ToResponse(LoanHistoryEntry e) =>
        new(e.Version, e.At, e.ActorId, e.Action, [.. e.Changes.Select(c => new FieldChangeResponse(c.Field, c.Before, c.After))], e.Reason);

    private static FundingPointResponse ToResponse(FundingPoint p) =>
        new(p.At, p.Version, p.TotalInvited, p.TotalFunded, p.FundingPercentage, p.PendingCount, p.AcceptedCount, p.DeclinedCount);
}
