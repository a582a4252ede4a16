using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Csv;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Audit;

internal static class AuditEndpoints
{
    /// <summary>Response header carrying the token to continue a CSV export that stopped at <see cref="MaxCsvRows"/>.</summary>
    public const string NextTokenHeader = "X-Next-Token";

    /// <summary>The most rows one CSV answer holds; the rest follow with <see cref="NextTokenHeader"/>.</summary>
    public const int MaxCsvRows = 10_000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("", ListAsync)
            .WithName("ListAuditEntries")
            .WithSummary("Audit log")
            .WithDescription("Every create, update and delete of users, loans and participants, newest first: id, time, "
                + "actor, action, record type and id, changed fields with before and after, client IP, user agent and "
                + "request id. Filters combine: record_type (loan, participant, user, webhook) with optional record_id, actor_id, "
                + "from (inclusive) and to (exclusive) as ISO 8601 times. Administrators only (403 for anyone else). "
                + "Page with limit and next_token. With Accept: text/csv the same filter comes as RFC 4180 CSV, every "
                + $"matching entry up to {MaxCsvRows} rows (pages of limit, default 100, are read in turn); when more remain, "
                + $"the {NextTokenHeader} header holds the next_token to continue.")
            .WithExamples(response: AuditExamples.Page)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                QueryParameters.Describe(operation, "record_type", "loan, participant, user or webhook.");
                QueryParameters.Describe(operation, "record_id", "One record's entries; needs record_type.");
                QueryParameters.Describe(operation, "actor_id", "Changes made by this user id.");
                QueryParameters.Describe(operation, "from", "Entries at or after this ISO 8601 time.");
                QueryParameters.Describe(operation, "to", "Entries before this ISO 8601 time.");
                CsvText.Document(operation, AuditExamples.Csv);
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<AuditEntryResponse>>, ContentHttpResult>> ListAsync(
        [FromQuery(Name = "record_type")] string? recordType, [FromQuery(Name = "record_id")] string? recordId,
        [FromQuery(Name = "actor_id")] string? actorId, [FromQuery] string? from, [FromQuery] string? to,
        int? limit, [FromQuery(Name = "next_token")] string? nextToken,
        Caller caller, AdminAccess admins, HttpContext context, IClusterClient cluster, PageTokens pages, IOptions<JsonOptions> json)
    {
        admins.Require(caller);
        var filter = Filter(recordType, recordId, actorId, from, to);
        var listing = $"audit?t={filter.RecordType}&r={filter.RecordId}&a={filter.ActorId:N}&f={filter.From:O}&u={filter.To:O}";
        var log = cluster.GetGrain<IAuditLogGrain>(0);
        var csv = CsvText.Wanted(context.Request);
        var request = pages.Request(limit ?? (csv ? 100 : PagingLimits.DefaultLimit), nextToken, caller.UserId, listing);
        var page = await log.SearchAsync(filter with { Limit = request.Limit, After = request.After });
        if (!csv)
        {
            return TypedResults.Ok(pages.Response(page, AuditEntryResponse.From, caller.UserId, listing));
        }

        var rows = new List<AuditEntryResponse>(page.Items.Select(AuditEntryResponse.From));
        while (page.HasMore && rows.Count + request.Limit <= MaxCsvRows)
        {
            page = await log.SearchAsync(filter with { Limit = request.Limit, After = page.NextCursor });
            rows.AddRange(page.Items.Select(AuditEntryResponse.From));
        }

        if (pages.NextToken(page, caller.UserId, listing) is { } next)
        {
            context.Response.Headers[NextTokenHeader] = next;
        }

        return TypedResults.Text(AuditCsv.Write(rows, json.Value.SerializerOptions), AuditCsv.MediaType + "; charset=utf-8");
    }

    /// <summary>
    /// Parses the query string into a filter; only what the text must be (a UUID, a time) is checked here. The
    /// filter's rules (a known record type, record_id with record_type, to after from) are the audit log grain's.
    /// </summary>
    private static AuditQuery Filter(string? recordType, string? recordId, string? actorId, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = string.IsNullOrWhiteSpace(recordType) ? null : recordType.Trim().ToLowerInvariant();
        var record = string.IsNullOrWhiteSpace(recordId) ? null : recordId.Trim();
        Guid? actor = null;
        if (!string.IsNullOrWhiteSpace(actorId))
        {
            if (Guid.TryParse(actorId, out var id))
            {
                actor = id;
            }
            else
            {
                errors["actor_id"] = ["Must be a user id (UUID)."];
            }
        }

        var since = Time(from, "from", errors);
        var until = Time(to, "to", errors);
        if (errors.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ProblemCodes.Validation, "The audit filter is invalid.", errors);
        }

        return new AuditQuery(type, record, actor, since, until, PagingLimits.DefaultLimit);
    }

    private static DateTimeOffset? Time(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        errors[field] = ["Must be an ISO 8601 time, e.g. 2026-01-15T10:00:00Z."];
        return null;
    }
}
