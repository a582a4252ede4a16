using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Live;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Live;

/// <summary>The event-stream endpoints over real HTTP against the shared test cluster.</summary>
[Collection(SharedApi.Name)]
public sealed class LiveEndpointTests(ApiFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task LoanEvents_LenderAccepts_SnapshotThenFundingEventWithinOneSecond()
    {
        var (borrower, lender, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var loanId = loan["loan_id"]!.GetValue<string>();

        await using var events = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loanId}/events", borrower.Token);
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);
        Assert.Null(events.Response.Content.Headers.ContentEncoding.FirstOrDefault());

        var snapshot = await events.NextAsync(Soon);
        Assert.Equal("snapshot", snapshot.Type);
        var version = loan["version"]!.GetValue<long>();
        Assert.Equal($"{version}", snapshot.Id);
        Assert.Equal(0m, snapshot.Json["loan"]!["total_funded"]!.GetValue<decimal>());

        var accepted = await AcceptAsync(loan, lender);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        var funding = await events.NextAsync(WithinASecond);
        Assert.Equal("funding", funding.Type);
        Assert.Equal($"{version + 1}", funding.Id);
        Assert.Equal("PARTICIPANT_ACCEPTED", funding.Json["change"]!.GetValue<string>());
        Assert.Equal("BORROWER", funding.Json["role"]!.GetValue<string>());
        Assert.Equal(600m, funding.Json["loan"]!["total_funded"]!.GetValue<decimal>());
        Assert.Equal(60m, funding.Json["loan"]!["funding_percentage"]!.GetValue<decimal>());
        // Events never carry bank details, not even masked ones.
        Assert.DoesNotContain(TestApi.SecretAccount[^4..], funding.Data, StringComparison.Ordinal);
        Assert.All(funding.Json["loan"]!["participants"]!.AsArray(), p => Assert.Null(p!["ach"]));
    }

    [Fact]
    public async Task LoanEvents_LastEventIdIsCurrentVersion_SkipsSnapshot()
    {
        var (borrower, lender, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var loanId = loan["loan_id"]!.GetValue<string>();

        var version = loan["version"]!.GetValue<long>();

        await using var events = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loanId}/events", borrower.Token, lastEventId: $"{version}");
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.Equal("up to date", (await events.NextAsync(Soon, comments: true)).Data);
        await AcceptAsync(loan, lender);
        var next = await events.NextAsync(Soon);
        Assert.Equal("funding", next.Type);
        Assert.Equal($"{version + 1}", next.Id);
    }

    [Fact]
    public async Task LoanEvents_LastEventIdIsOlder_SendsSnapshot()
    {
        var (borrower, lender, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        var loanId = loan["loan_id"]!.GetValue<string>();
        await AcceptAsync(loan, lender);
        var version = loan["version"]!.GetValue<long>();

        await using var events = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loanId}/events", lender.Token, lastEventId: $"{version}");
        var snapshot = await events.NextAsync(Soon);
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal($"{version + 1}", snapshot.Id);
        Assert.Equal(600m, snapshot.Json["loan"]!["total_funded"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task MyEvents_BorrowerAndInvitedLender_GetReadyThenEachChange()
    {
        var borrower = await Api.NewUserAsync("Live Borrower");
        var lender = await Api.NewUserAsync("Live Lender");
        await using var borrowerEvents = await SseConnection.OpenAsync(Api.Http, "/api/v1/me/events", borrower.Token);
        await using var lenderEvents = await SseConnection.OpenAsync(Api.Http, "/api/v1/me/events", lender.Token);
        Assert.Equal("ready", (await borrowerEvents.NextAsync(Soon)).Type);
        Assert.Equal("ready", (await lenderEvents.NextAsync(Soon)).Type);

        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 1000m));
        var created = await borrowerEvents.NextAsync(Soon);
        Assert.Equal("CREATED", created.Json["change"]!.GetValue<string>());
        Assert.Equal("BORROWER", created.Json["role"]!.GetValue<string>());
        var invited = await lenderEvents.NextAsync(Soon);
        Assert.Equal("CREATED", invited.Json["change"]!.GetValue<string>());
        Assert.Equal("LENDER", invited.Json["role"]!.GetValue<string>());
        Assert.Equal(loan["loan_id"]!.GetValue<string>(), invited.Json["loan_id"]!.GetValue<string>());

        // The lender's verified account is linked in the create's own write: no further change before the accept.
        await AcceptAsync(loan, lender);
        var funded = await borrowerEvents.NextAsync(Soon);
        Assert.Equal("LOAN_FUNDED", funded.Json["change"]!.GetValue<string>());
        Assert.Equal("FUNDED", funded.Json["loan"]!["status"]!.GetValue<string>());
        Assert.Equal(2, funded.Json["version"]!.GetValue<long>());
        Assert.Equal("LOAN_FUNDED", (await lenderEvents.NextAsync(Soon)).Json["change"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoanEvents_QuietAndCompressionAccepted_SendsUncompressedHeartbeatComments()
    {
        var (borrower, _, loan) = await LiveTestData.LoanWithLenderAsync(Api);
        // A client that accepts compression still gets every event at once: the stream is never compressed.
        await using var events = await SseConnection.OpenAsync(
            Api.Http, $"/api/v1/loans/{loan["loan_id"]}/events", borrower.Token, acceptEncoding: "gzip, br");
        Assert.Empty(events.Response.Content.Headers.ContentEncoding);
        Assert.Equal("snapshot", (await events.NextAsync(Soon)).Type);

        var heartbeat = await events.NextAsync(Soon, comments: true);
        Assert.True(heartbeat.IsComment);
        Assert.Equal("heartbeat", heartbeat.Data);
    }

    [Fact]
    public async Task EventStreams_TwoHundredOpenedAndDropped_LeaveNoSubscription()
    {
        // /metrics is served on a management address only.
        var metricsUrl = $"http://127.0.0.1:{LoopbackPorts.FreePort()}";
        await using var api = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Live:MaxConnectionsPerUser"] = "1000",
            ["Metrics:Url"] = metricsUrl,
        });
        using var management = new HttpClient { BaseAddress = new Uri(metricsUrl) };
        var client = new TestApi(api.Http);
        var feed = api.Services.GetRequiredService<LiveFeed>();
        var connections = api.Services.GetRequiredService<LiveConnections>();
        var borrower = await client.NewUserAsync("Watched");
        var loans = new List<JsonNode>();
        for (var i = 0; i < 4; i++)
        {
            loans.Add(await client.CreateLoanAsync(borrower, 1000m));
        }

        var open = new List<SseConnection>();
        for (var i = 0; i < 200; i++)
        {
            var path = i % 5 == 0 ? "/api/v1/me/events" : $"/api/v1/loans/{loans[i % 4]["loan_id"]}/events";
            var stream = await SseConnection.OpenAsync(api.Http, path, borrower.Token);
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            open.Add(stream);
        }

        foreach (var stream in open)
        {
            await stream.NextAsync(Soon);
        }

        Assert.Equal(200, feed.Listeners);
        // Shared: 4 loan streams plus the borrower's and the invitee stream of the same user, whatever the count.
        Assert.Equal(6, feed.StreamSubscriptions);
        Assert.Equal("200", await LiveListenersGaugeAsync(management, "200"));

        foreach (var stream in open)
        {
            await stream.DisposeAsync();
        }

        await WaitUntilAsync(() => feed.Listeners == 0 && feed.StreamSubscriptions == 0 && connections.OpenFor(borrower.UserId) == 0);
        Assert.Equal(0, feed.Listeners);
        Assert.Equal(0, feed.StreamSubscriptions);
        Assert.Equal(0, connections.OpenFor(borrower.UserId));
        Assert.Equal("0", await LiveListenersGaugeAsync(management, "0"));
    }

    // The live-connections gauge on /metrics; the exporter caches a scrape briefly, so it is read until it shows the value expected.
    private static async Task<string?> LiveListenersGaugeAsync(HttpClient http, string expected)
    {
        string? value = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (value != expected && DateTime.UtcNow < deadline)
        {
            var scrape = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var match = System.Text.RegularExpressions.Regex.Match(scrape, @"(?m)^privatelending_live_listeners(?:\{[^}]*\})? (\S+)");
            value = match.Success ? match.Groups[1].Value : null;
            if (value != expected)
            {
                await Task.Delay(100);
            }
        }

        return value;
    }

    [Fact]
    public async Task OpenApi_EventStreams_DocumentedAsTextEventStream()
    {
        var document = (await Api.GetAsync("/openapi/v1.json")).Json;
        foreach (var path in new[] { "/api/v1/loans/{loan_id}/events", "/api/v1/me/events" })
        {
            var ok = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
            Assert.True(ok.ContainsKey("text/event-stream"), $"{path} is not documented as text/event-stream");
            Assert.NotNull(document["paths"]![path]!["get"]!["responses"]!["429"]);
        }

        Assert.NotNull(document["paths"]!["/api/v1/me/events/ticket"]!["post"]);
    }

    [Fact]
    public async Task DashboardPage_ServedAtApp_WithoutCredentialsAndSameOriginOnly()
    {
        var page = await Api.GetAsync("/app/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("<script src=\"app.js\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/app/app.js")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/app/app.css")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/app/missing.js")).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private Task<ApiResponse> AcceptAsync(JsonNode loan, TestUser lender) =>
        Api.PostAsync(
            $"/api/v1/loans/{loan["loan_id"]}/participants/{loan["participants"]![0]!["participant_id"]}/accept",
            TestApi.AchBody(lender.Name), lender.Token);
}
