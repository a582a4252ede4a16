using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Csv;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Lenders;

namespace PrivateLending.Api.Servicing;

/// <summary>A lender's distributions across their loans: paged JSON, or the whole statement as CSV.</summary>
internal static class StatementEndpoints
{
    public const string Listing = "me/distributions";

    /// <summary>The most lines one CSV statement holds (a lender with that many lines pages the JSON list).</summary>
    public const int MaxCsvRows = 10_000;

    public static IEndpointRouteBuilder MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Servicing").RequireAuthorization();
        me.MapGet("/distributions", ListAsync)
            .WithName("ListMyDistributions")
            .WithSummary("My distributions")
            .WithDescription("The caller's share of every repayment on the disbursed loans of their portfolio, newest payment "
                + "date first: loan, borrower, repayment, principal, interest and amount. Page with limit and next_token. With "
                + $"Accept: text/csv the whole statement (up to {MaxCsvRows} lines) comes as RFC 4180 CSV; a cell a spreadsheet "
                + "would read as a formula (starting with = + - @, tab or CR) gets a leading apostrophe.")
            .WithExamples(response: ServicingExamples.Statement)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                CsvText.Document(operation, StatementCsv.Write(ServicingExamples.Statement.Data));
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<StatementLineResponse>>, ContentHttpResult>> ListAsync(
        int? limit, [FromQuery(Name = "next_token")] string? nextToken, Caller caller, HttpContext context,
        IClusterClient cluster, PageTokens pages)
    {
        // Lines are the lender's by the email their participations were addressed to: proven, as for invitations.
        caller.RequireVerifiedEmail();
        var index = cluster.GetGrain<IInvitationIndexGrain>(caller.EmailKey);
        if (!CsvText.Wanted(context.Request))
        {
            var page = await index.GetDistributionsAsync(pages.Request(limit, nextToken, caller.UserId, Listing));
            return TypedResults.Ok(pages.Response(page, ToResponse, caller.UserId, Listing));
        }

        var lines = new List<StatementLineResponse>();
        string? after = null;
        do
        {
            var page = await index.GetDistributionsAsync(new(Grains.Abstractions.Rules.PagingLimits.Limit.Maximum, after));
            lines.AddRange(page.Items.Select(ToResponse));
            after = page.NextCursor;
        }
        while (after is not null && lines.Count < MaxCsvRows);

        return TypedResults.Text(StatementCsv.Write(lines.Take(MaxCsvRows)), CsvText.ContentType);
    }

    private static StatementLineResponse ToResponse(LenderDistribution d) =>
        new(d.RepaymentId, d.LoanId, d.ParticipantId, d.Sequence, d.PaidOn, d.Principal, d.Interest, d.Amount, d.BorrowerName);
}
