using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Live;

internal static class LiveEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>Event streams accept a bearer token or, for browsers' EventSource, an events ticket.</summary>
    public static readonly AuthorizationPolicy StreamPolicy = new AuthorizationPolicyBuilder(
            JwtBearerDefaults.AuthenticationScheme, EventsTicketHandler.SchemeName)
        .RequireAuthenticatedUser()
        .Build();

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1").WithTags("Live");
        live.MapGet("/loans/{loan_id:guid}/events", LoanEventsAsync)
            .RequireAuthorization(StreamPolicy)
            .WithName("LoanEvents")
            .WithSummary("Watch a loan (server-sent events)")
            .WithDescription(
                "text/event-stream for the loan's borrower and participants (404 for anyone else). The first event is "
                + "`snapshot` (the loan now), then `funding` per change; every event's `id` is the loan version. "
                + "A record that adds no version (the loan agreement) comes as `notice` without an id (`events`, "
                + "`document_id`, the version it documents). "
                + "A Last-Event-ID equal to the current version skips the snapshot. Heartbeat comments keep the "
                + "connection open. Authenticate with a bearer token, or `?ticket=` from POST /api/v1/me/events/ticket.")
            .WithExamples(response: LiveExamples.LoanStream)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        live.MapGet("/me/events", MyEventsAsync)
            .RequireAuthorization(StreamPolicy)
            .WithName("MyEvents")
            .WithSummary("Watch my dashboard (server-sent events)")
            .WithDescription(
                "text/event-stream of changes to the caller's loans (role BORROWER) and to loans that invited the "
                + "caller's email (role LENDER). The first event is `ready`: re-read the lists then; after it, one "
                + "`funding` event per loan change, each carrying the whole loan and its version, and a `notice` per "
                + "record that adds no version (the loan agreement: `agreement.generated` with its `document_id`).")
            .WithExamples(response: LiveExamples.MyStream)
            .ProducesProblems(StatusCodes.Status429TooManyRequests);
        live.MapPost("/me/events/ticket", IssueTicket)
            .RequireAuthorization()
            .WithName("CreateEventsTicket")
            .WithSummary("Get an events ticket")
            .WithDescription("A short-lived, single-use ticket for clients (browsers' EventSource) that cannot send an Authorization "
                + "header, accepted only as `?ticket=` by the one event stream it is issued for: GET /api/v1/me/events, or with "
                + "`loan_id` GET /api/v1/loans/{loan_id}/events. It stops working when the session ends.")
            .WithExamples(response: LiveExamples.Ticket)
            .ProducesProblems(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> LoanEventsAsync(
        Guid loan_id, Caller caller, HttpContext context, IClusterClient cluster, LiveFeed feed, LiveConnections connections,
        IOptions<LiveSettings> settings)
    {
        var loan = cluster.GetGrain<ILoanGrain>(loan_id);
        if (await loan.GetAsync(caller.Viewer) is null)
        {
            return ApiResults.NotFound("Loan not found.");
        }

        if (connections.TryAcquire(caller.UserId) is not { } slot)
        {
            return TooManyConnections(context, settings.Value);
        }

        long? lastEventId = long.TryParse(context.Request.Headers[LastEventIdHeader].ToString(), out var id) ? id : null;
        var streamer = new LoanEventStreamer(loan, caller, feed, settings.Value, lastEventId);
        return new EventStreamResult(streamer.RunAsync, slot, settings.Value);
    }

    private static Results<EventStreamResult, ProblemHttpResult> MyEventsAsync(
        Caller caller, HttpContext context, IClusterClient cluster, LiveFeed feed, LiveConnections connections, IOptions<LiveSettings> settings,
        TimeProvider clock)
    {
        if (connections.TryAcquire(caller.UserId) is not { } slot)
        {
            return TooManyConnections(context, settings.Value);
        }

        var lender = caller.EmailVerified ? cluster.GetGrain<IInvitationIndexGrain>(caller.EmailKey) : null;
        var streamer = new MyEventStreamer(caller, lender, feed, settings.Value, clock);
        return new EventStreamResult(streamer.RunAsync, slot, settings.Value);
    }

    private static Ok<EventsTicketResponse> IssueTicket(Caller caller, EventsTickets tickets, Guid? loan_id = null)
    {
        var (ticket, expires) = tickets.Issue(caller, loan_id);
        return TypedResults.Ok(new EventsTicketResponse(ticket, expires, (int)tickets.Lifetime.TotalSeconds));
    }

    private static ProblemHttpResult TooManyConnections(HttpContext context, LiveSettings settings)
    {
        context.Response.Headers.RetryAfter = "5";
        return ProblemEnricher.Result(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyConnections,
            $"At most {settings.MaxConnectionsPerUser} event streams may be open per user; close one first.");
    }
}
