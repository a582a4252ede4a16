using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class RecordEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task History_CancelledLoan_EveryVersionOldestFirstPagedWithReason()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (TestApi.UniqueEmail(), 100m));
        var path = $"/api/v1/loans/{loan["loan_id"]}";
        await Api.SendAsync(HttpMethod.Patch, path, borrower.Token, new JsonObject { ["term_months"] = 24 },
            new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        await Api.SendAsync(HttpMethod.Delete, path, borrower.Token, new JsonObject { ["reason"] = "No longer needed" });

        var first = await Api.GetAsync($"{path}/history?limit=2", borrower.Token);
        var second = await Api.GetAsync($"{path}/history?limit=2&next_token={Uri.EscapeDataString(first.Json["next_token"]!.GetValue<string>())}", borrower.Token);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        // One entry per change: the creation and its invitation both made version 1.
        Assert.Equal([1L, 1], first.Json["data"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()));
        Assert.Equal(["loan.created", "lender.invited"], first.Json["data"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.True(first.Json["has_more"]!.GetValue<bool>());
        Assert.Equal([2L, 3], second.Json["data"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()));
        var last = second.Json["data"]![1]!;
        Assert.Equal("loan.cancelled", last["action"]!.GetValue<string>());
        Assert.Equal("No longer needed", last["reason"]!.GetValue<string>());
        Assert.Equal(borrower.UserId.ToString(), last["actor_id"]!.GetValue<string>());
        Assert.Equal("term_months", second.Json["data"]![0]!["changes"]![0]!["field"]!.GetValue<string>());
        Assert.False(second.Json["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FundingHistory_AfterAccept_PointWithFigures()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 400m));
        var participant = loan["participants"]![0]!["participant_id"]!.GetValue<string>();
        await Api.PostAsync($"/api/v1/loans/{loan["loan_id"]}/participants/{participant}/accept",
            TestApi.AchBody(), lender.Token);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/funding-history", lender.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var points = response.Json["data"]!.AsArray();
        Assert.Equal([0m, 400m], points.Select(p => p!["total_funded"]!.GetValue<decimal>()));
        Assert.Equal(40m, points[1]!["funding_percentage"]!.GetValue<decimal>());
        Assert.Equal(1, points[1]!["accepted_participant_count"]!.GetValue<int>());
        var seen = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", lender.Token);
        Assert.Equal(1, seen.Json["participants"]![0]!["accepted_version"]!.GetValue<long>());
    }

    [Fact]
    public async Task History_Stranger_Returns404()
    {
        var borrower = await Api.NewUserAsync();
        var stranger = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}/history", stranger.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
