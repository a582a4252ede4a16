using System.Text.Json.Nodes;
using PrivateLending.Api.Live;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Live;

/// <summary>
/// A lender's dashboard stream hears other lenders' funding changes of the open loans that invited them: loans
/// publish those only on the loan stream, which <c>/me/events</c> watches for each open invitation.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class MyEventsWatchTests(ApiFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task MyEvents_AnotherLenderAcceptsALoanInvitingMeAfterIConnected_IGetTheFundingChange()
    {
        var api = fixture.Client;
        var borrower = await api.NewUserAsync("Two Lenders Borrower");
        var watcher = await api.NewUserAsync("Watching Lender");
        var accepter = await api.NewUserAsync("Other Lender");
        await using var events = await SseConnection.OpenAsync(api.Http, "/api/v1/me/events", watcher.Token);
        Assert.Equal("ready", (await events.NextAsync(Soon)).Type);

        var loan = await api.CreateLoanAsync(borrower, 1000m, (watcher.Email, 400m), (accepter.Email, 600m));
        Assert.Equal("CREATED", (await events.NextAsync(Soon)).Json["change"]!.GetValue<string>());

        await AcceptAsync(api, loan, accepter);
        var accepted = await events.NextAsync(Soon);
        Assert.Equal("PARTICIPANT_ACCEPTED", accepted.Json["change"]!.GetValue<string>());
        Assert.Equal("LENDER", accepted.Json["role"]!.GetValue<string>());
        Assert.Equal(loan["loan_id"]!.GetValue<string>(), accepted.Json["loan_id"]!.GetValue<string>());
        Assert.Equal(600m, accepted.Json["loan"]!["total_funded"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task MyEvents_AnotherLenderAcceptsAnOpenInvitationFromBeforeIConnected_IGetTheFundingChangeOnce()
    {
        // Its own API instance, so its subscription count is this test's alone; quick heartbeats end the quiet check.
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Live:HeartbeatSeconds"] = "1" });
        var api = new TestApi(host.Http);
        var feed = host.Services.GetRequiredService<LiveFeed>();
        var borrower = await api.NewUserAsync("Earlier Borrower");
        var watcher = await api.NewUserAsync("Returning Lender");
        var accepter = await api.NewUserAsync("Busy Lender");
        var loan = await api.CreateLoanAsync(borrower, 1000m, (watcher.Email, 400m), (accepter.Email, 600m));
        await WaitForOpenInvitationsAsync(api, watcher, 1);

        await using var events = await SseConnection.OpenAsync(host.Http, "/api/v1/me/events", watcher.Token);
        Assert.Equal("ready", (await events.NextAsync(Soon)).Type);
        // Borrower stream, invitee stream, and the open loan's stream.
        Assert.Equal(3, feed.StreamSubscriptions);

        await AcceptAsync(api, loan, accepter);
        var accepted = await AfterCreationAsync(events);
        Assert.Equal("PARTICIPANT_ACCEPTED", accepted.Json["change"]!.GetValue<string>());
        Assert.Equal(600m, accepted.Json["loan"]!["total_funded"]!.GetValue<decimal>());

        // The watcher's own acceptance funds the loan: it arrives on the invitee and the loan stream, and is sent once.
        await AcceptAsync(api, loan, watcher);
        var funded = await events.NextAsync(Soon);
        Assert.Equal("LOAN_FUNDED", funded.Json["change"]!.GetValue<string>());
        // Then heartbeats and the agreement's notice (written once the loan is funded), never the funding event again.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        SseEvent next;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "The agreement's notice did not arrive within 15 s.");
            next = await events.NextAsync(Soon, comments: true);
            Assert.True(next.IsComment || next.Type == "notice", $"expected heartbeats and the notice after the funding event, got {next.Type}: {next.Data}");
        }
        while (next.IsComment);

        var quiet = await events.NextAsync(Soon, comments: true);
        Assert.True(quiet.IsComment, $"expected only a heartbeat after the notice, got {quiet.Type}: {quiet.Data}");
    }

    [Fact]
    public async Task MyEvents_TwoHundredLenderStreamsWatchingLoansOpenedAndDropped_LeaveNoSubscription()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Live:MaxConnectionsPerUser"] = "1000",
            ["Live:HeartbeatSeconds"] = "300",
        });
        var api = new TestApi(host.Http);
        var feed = host.Services.GetRequiredService<LiveFeed>();
        var borrower = await api.NewUserAsync("Many Loans");
        var lender = await api.NewUserAsync("Many Tabs Lender");
        for (var i = 0; i < 3; i++)
        {
            await api.CreateLoanAsync(borrower, 1000m, (lender.Email, 500m));
        }

        await WaitForOpenInvitationsAsync(api, lender, 3);
        var open = new List<SseConnection>();
        for (var i = 0; i < 200; i++)
        {
            var stream = await SseConnection.OpenAsync(host.Http, "/api/v1/me/events", lender.Token);
            Assert.Equal("ready", (await stream.NextAsync(Soon)).Type);
            open.Add(stream);
        }

        // Shared: borrower + invitee stream, and the three loan streams, whatever the number of connections.
        Assert.Equal(5, feed.StreamSubscriptions);
        // A new invitation makes every connection watch one more loan: still one subscription for all of them.
        await api.CreateLoanAsync(borrower, 1000m, (lender.Email, 500m));
        foreach (var stream in open)
        {
            Assert.Equal("CREATED", (await stream.NextAsync(Soon)).Json["change"]!.GetValue<string>());
        }

        Assert.Equal(6, feed.StreamSubscriptions);
        foreach (var stream in open)
        {
            await stream.DisposeAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((feed.Listeners != 0 || feed.StreamSubscriptions != 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, feed.Listeners);
        Assert.Equal(0, feed.StreamSubscriptions);
    }

    /// <summary>
    /// The next event, past the loan's creation: memory streams deliver from a queue polled by an agent, so the
    /// creation published just before the connection may still reach it, which the state-based contract allows.
    /// </summary>
    private static async Task<SseEvent> AfterCreationAsync(SseConnection events)
    {
        var next = await events.NextAsync(Soon);
        return next.Json["change"]?.GetValue<string>() == "CREATED" ? await events.NextAsync(Soon) : next;
    }

    private static async Task WaitForOpenInvitationsAsync(TestApi api, TestUser lender, int count)
    {
        // The lender index is updated by the loan after its write: wait until it lists the invitations.
        for (var i = 0; i < 200; i++)
        {
            if ((await api.GetAsync("/api/v1/me/invitations?status=PENDING", lender.Token)).Json["count"]!.GetValue<int>() >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"the lender index never listed {count} open invitations");
    }

    private static async Task AcceptAsync(TestApi api, JsonNode loan, TestUser lender)
    {
        var participant = loan["participants"]!.AsArray()
            .First(p => string.Equals(p!["lender_email"]!.GetValue<string>(), lender.Email, StringComparison.OrdinalIgnoreCase))!;
        var answer = await api.PostAsync(
            $"/api/v1/loans/{loan["loan_id"]}/participants/{participant["participant_id"]}/accept", TestApi.AchBody(lender.Name), lender.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
    }
}
