using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// DynamoDB throttling injected on the wire (a proxy answers <c>ProvisionedThroughputExceededException</c> as
/// DynamoDB does): the silo's retries run out, the exception crosses Orleans, and the API answers 429 with
/// Retry-After (creating a loan also registers its deadline reminder: that write too). Readiness stays 200.
/// When the throttling stops, the client's retry with the same idempotency key succeeds once.
/// </summary>
public sealed class StorageThrottlingEndToEndTests : IAsyncLifetime
{
    private static readonly string[] DataOperations = ["GetItem", "PutItem", "DeleteItem"];
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync() => _system = await StorageFaultHarness.StartAsync(throughProxy: true, new Dictionary<string, string>
    {
        // Give up after one quick retry, so the test does not sit through the production back-off.
        ["DynamoDb__MaxThrottleRetries"] = "1",
        ["DynamoDb__RetryBaseDelay"] = "00:00:00.010",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task DynamoDbThrottling_429WithRetryAfterThenRetrySucceedsOnce()
    {
        var api = _system.Client;
        var proxy = _system.Proxy!;
        var borrower = await api.NewUserAsync("Theo Throttle");
        var loanId = (await api.CreateLoanAsync(borrower, 900m))["loan_id"]!.GetValue<string>();
        // An invitation first, so the sender's daily invitation count is loaded: under throttling, inviting then
        // fails on writing it (or the loan), not only on reading it.
        await api.CreateLoanAsync(borrower, 500m, (TestApi.UniqueEmail("warm-lender"), 100m));

        proxy.Throttle = DataOperations;
        var createKey = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var addKey = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var addBody = new JsonObject { ["lenders"] = TestApi.Lenders((TestApi.UniqueEmail("throttle-lender"), 400m)) };

        AssertThrottled(await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, createKey));
        AssertThrottled(await api.PostAsync($"/api/v1/loans/{loanId}/lenders", addBody, borrower.Token, addKey));
        Assert.True(proxy.ThrottledCounts.GetValueOrDefault("GetItem") > 0, "no read was throttled");
        Assert.True(proxy.ThrottledCounts.GetValueOrDefault("PutItem") > 0, "no write was throttled");
        // Throttled storage is busy, not down: readiness stays 200 (Degraded), so pods stay behind the load balancer.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).Status);

        proxy.Throttle = [];

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, createKey)).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/loans/{loanId}/lenders", addBody, borrower.Token, addKey)).Status);
        var loan = await api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        Assert.Single(loan.Json["participants"]!.AsArray());
        Assert.Equal(3, (await api.GetAsync("/api/v1/me/loans", borrower.Token)).Json["data"]!.AsArray().Count);
    }

    private static void AssertThrottled(ApiResponse response)
    {
        ProblemAssert.IsProblem(response, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        var retryAfter = response.Header("Retry-After");
        Assert.NotNull(retryAfter);
        var seconds = int.Parse(retryAfter, CultureInfo.InvariantCulture);
        Assert.True(seconds >= 1, $"Retry-After {seconds}");
        Assert.Equal(seconds, response.Json["retry_after"]!.GetValue<int>());
    }
}
