using System.Net;
using PrivateLending.Api.Live;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Live;

/// <summary>Who may open which event stream and what they see there: credentials, tickets, sessions, limits, hidden accounts.</summary>
[Collection(SharedApi.Name)]
public sealed class LiveAccessTests(ApiFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task LoanEvents_Stranger_Returns404()
    {
        var (_, _, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var stranger = await Api.NewUserAsync("Stranger");

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/events", stranger.Token);
        ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "NOT_FOUND");
        var unknown = await Api.GetAsync($"/api/v1/loans/{Guid.NewGuid()}/events", stranger.Token);
        ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task LoanEvents_NoCredentials_Returns401()
    {
        var (_, _, loan) = await LiveTestData.LoanWithLenderAsync(Api);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/events");
        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var forged = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/events?ticket=not-a-ticket");
        ProblemAssert.IsProblem(forged, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task EventsTicket_OnItsOwnEventStream_AuthenticatesOnceAndNowhereElse()
    {
        var (borrower, _, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var forLoan = await Api.PostAsync($"/api/v1/me/events/ticket?loan_id={loan["loan_id"]}", null, borrower.Token);
        var issued = await Api.PostAsync("/api/v1/me/events/ticket", null, borrower.Token);
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        var loanTicket = Uri.EscapeDataString(forLoan.Json["ticket"]!.GetValue<string>());
        var ticket = Uri.EscapeDataString(issued.Json["ticket"]!.GetValue<string>());
        Assert.Equal(60, issued.Json["expires_in"]!.GetValue<int>());

        await using (var events = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loan["loan_id"]}/events?ticket={loanTicket}"))
        {
            Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
            Assert.Equal("snapshot", (await events.NextAsync(Soon)).Type);
        }

        // Single use: a ticket read from a log or a browser's history opens nothing again.
        var replayed = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/events?ticket={loanTicket}");
        ProblemAssert.IsProblem(replayed, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        // Bound to its stream: the dashboard's ticket opens no loan's stream (and is not used up trying).
        var otherStream = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/events?ticket={ticket}");
        ProblemAssert.IsProblem(otherStream, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await using (var mine = await SseConnection.OpenAsync(Api.Http, $"/api/v1/me/events?ticket={ticket}"))
        {
            Assert.Equal("ready", (await mine.NextAsync(Soon)).Type);
        }

        // Single-purpose: not a bearer token, not accepted by other endpoints, cannot mint another ticket.
        var other = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}?ticket={ticket}");
        ProblemAssert.IsProblem(other, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var asBearer = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", issued.Json["ticket"]!.GetValue<string>());
        ProblemAssert.IsProblem(asBearer, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var mint = await Api.PostAsync($"/api/v1/me/events/ticket?ticket={ticket}", null);
        ProblemAssert.IsProblem(mint, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task EventStream_SessionEnded_StreamClosedAndItsTicketsRefused()
    {
        var (borrower, _, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var ticket = (await Api.PostAsync("/api/v1/me/events/ticket", null, borrower.Token)).Json["ticket"]!.GetValue<string>();
        await using var stream = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loan["loan_id"]}/events", borrower.Token);
        Assert.Equal("snapshot", (await stream.NextAsync(Soon)).Type);

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync("/api/v1/auth/logout", null, borrower.Token)).Status);

        // Streams used to run on until the client left; now the session is checked at every heartbeat.
        await Assert.ThrowsAsync<EndOfStreamException>(async () =>
        {
            while (true)
            {
                await stream.NextAsync(TimeSpan.FromSeconds(10), comments: true);
            }
        });
        var afterwards = await Api.GetAsync($"/api/v1/me/events?ticket={Uri.EscapeDataString(ticket)}");
        ProblemAssert.IsProblem(afterwards, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task MyEvents_BeyondConnectionLimit_Returns429()
    {
        await using var api = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Live:MaxConnectionsPerUser"] = "2" });
        var client = new TestApi(api.Http);
        var user = await client.NewUserAsync("Many Tabs");
        await using var first = await SseConnection.OpenAsync(api.Http, "/api/v1/me/events", user.Token);
        await using var second = await SseConnection.OpenAsync(api.Http, "/api/v1/me/events", user.Token);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);

        var third = await client.GetAsync("/api/v1/me/events", user.Token);
        ProblemAssert.IsProblem(third, HttpStatusCode.TooManyRequests, "TOO_MANY_CONNECTIONS");
        Assert.NotNull(third.Header("Retry-After"));
        // Another user is not affected.
        var other = await client.NewUserAsync("Other Tab");
        await using var theirs = await SseConnection.OpenAsync(api.Http, "/api/v1/me/events", other.Token);
        Assert.Equal(HttpStatusCode.OK, theirs.Response.StatusCode);
    }

    [Fact]
    public async Task MyEvents_UnverifiedSquatter_GetsNoEventsOfLoansInvitingTheAddress()
    {
        // Its own API instance, so its subscription count is this test's alone.
        await using var api = await fixture.StartApiAsync();
        var client = new TestApi(api.Http);
        var feed = api.Services.GetRequiredService<LiveFeed>();
        var borrower = await client.NewUserAsync("Invites Bob");
        var squatter = await client.NewUnverifiedUserAsync("Not Bob");
        await using var events = await SseConnection.OpenAsync(api.Http, "/api/v1/me/events", squatter.Token);
        Assert.Equal("ready", (await events.NextAsync(Soon)).Type);

        await client.CreateLoanAsync(borrower, 1000m, (squatter.Email, 500m));
        var own = await client.CreateLoanAsync(squatter, 300m);

        // Only its borrower stream: the address's invitee stream is not its own until verified.
        Assert.Equal(1, feed.StreamSubscriptions);
        var first = await events.NextAsync(Soon);
        Assert.Equal(own["loan_id"]!.GetValue<string>(), first.Json["loan_id"]!.GetValue<string>());
        Assert.Equal("BORROWER", first.Json["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoanEvents_Lender_CoLendersAccountIdHiddenInSnapshotAndEvents()
    {
        var borrower = await Api.NewUserAsync("Two Lenders");
        var lender = await Api.NewUserAsync("Watching Lender");
        var coLender = await Api.NewUserAsync("Other Lender");
        var created = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 100m), (coLender.Email, 100m));
        var path = $"/api/v1/loans/{created["loan_id"]}";
        var loan = await Api.LinkedLoanAsync(borrower, created);

        await using var events = await SseConnection.OpenAsync(Api.Http, $"{path}/events", lender.Token);
        var snapshot = await events.NextAsync(Soon);
        var coLenderParticipant = loan["participants"]![1]!["participant_id"]!.GetValue<string>();
        await Api.PostAsync($"{path}/participants/{coLenderParticipant}/accept", TestApi.AchBody("Other Lender"), coLender.Token);
        var funding = await events.NextAsync(Soon);

        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal("funding", funding.Type);
        foreach (var message in new[] { snapshot, funding })
        {
            Assert.DoesNotContain(coLender.UserId.ToString(), message.Data, StringComparison.OrdinalIgnoreCase);
            Assert.Equal([lender.UserId.ToString(), null],
                message.Json["loan"]!["participants"]!.AsArray().Select(p => p!["lender_id"]?.GetValue<string>()));
        }
    }}
