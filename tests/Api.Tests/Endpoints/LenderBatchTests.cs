using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class LenderBatchTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task AddBatch_MixedLenders_Returns200WithResultsInOrderAndSummary()
    {
        var borrower = await Api.NewUserAsync();
        var taken = TestApi.UniqueEmail();
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (taken, 100m));
        var body = new JsonObject
        {
            ["lenders"] = new JsonArray(
                Lender(TestApi.UniqueEmail(), 300m), Lender(taken, 10m), Lender(borrower.Email, 10m),
                Lender(TestApi.UniqueEmail(), 900m), new JsonObject { ["email"] = TestApi.UniqueEmail() }),
        };

        var response = await Api.PostAsync($"/api/v1/loans/{loan["loan_id"]}/lenders/batch", body, borrower.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Json["results"]!.AsArray();
        Assert.Equal(["created", "failed", "failed", "failed", "failed"], results.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal([null, "DUPLICATE_LENDER", "VALIDATION_ERROR", "OVER_FUNDING", "VALIDATION_ERROR"],
            results.Select(r => r!["code"]?.GetValue<string>()));
        Assert.NotNull(results[0]!["participant"]!["participant_id"]);
        Assert.False(string.IsNullOrEmpty(results[1]!["message"]!.GetValue<string>()));
        Assert.Equal(5, response.Json["summary"]!["total"]!.GetValue<int>());
        Assert.Equal(1, response.Json["summary"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(4, response.Json["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal(loan["version"]!.GetValue<long>() + 1, response.Json["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task AddBatch_SameIdempotencyKey_ReplaysFirstAnswer()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m);
        var body = new JsonObject { ["lenders"] = new JsonArray(Lender(TestApi.UniqueEmail(), 100m), Lender("nope", 1m)) };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var path = $"/api/v1/loans/{loan["loan_id"]}/lenders/batch";

        var first = await Api.PostAsync(path, body, borrower.Token, key);
        var replay = await Api.PostAsync(path, body, borrower.Token, key);

        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(first.Json["results"]!.ToJsonString(), replay.Json["results"]!.ToJsonString());
        var after = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token);
        Assert.Single(after.Json["participants"]!.AsArray());
    }

    [Fact]
    public async Task AddBatch_NoneOrMoreThan20_Returns400()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 100_000m);
        var many = new JsonArray([.. Enumerable.Range(0, 21).Select(_ => (JsonNode)Lender(TestApi.UniqueEmail(), 1m))]);
        var path = $"/api/v1/loans/{loan["loan_id"]}/lenders/batch";

        ProblemAssert.HasFieldError(await Api.PostAsync(path, new JsonObject { ["lenders"] = many }, borrower.Token), "lenders");
        ProblemAssert.HasFieldError(await Api.PostAsync(path, new JsonObject { ["lenders"] = new JsonArray() }, borrower.Token), "lenders");
    }

    [Fact]
    public async Task AddBatch_NotTheBorrower_Refused()
    {
        var borrower = await Api.NewUserAsync();
        var other = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m);

        var response = await Api.PostAsync(
            $"/api/v1/loans/{loan["loan_id"]}/lenders/batch", new JsonObject { ["lenders"] = new JsonArray(Lender(TestApi.UniqueEmail(), 1m)) }, other.Token);

        Assert.Contains(response.Status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task CreateThenPatch_InviteeAlreadyRegistered_ReturnedETagStillMatches()
    {
        var lender = await Api.NewUserAsync();
        var borrower = await Api.NewUserAsync();
        var created = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m, (lender.Email, 100m)), borrower.Token);
        var etag = created.Header("ETag")!;
        // Let the lender index take the invitation and send its link, as a client's next request would.
        await Task.Delay(500);

        var patched = await Api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{created.Json["loan_id"]}", borrower.Token,
            new JsonObject { ["term_months"] = 24 }, new Dictionary<string, string> { ["If-Match"] = etag });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(2, patched.Json["version"]!.GetValue<long>());
    }

    private static JsonObject Lender(string email, decimal amount) => new() { ["email"] = email, ["amount"] = amount };
}
