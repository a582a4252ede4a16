using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// Local DynamoDB is killed under a running silo and API, then started again on the same data: while it is down
/// every request that needs storage is refused with 503 and Retry-After (never a 500, never a hang), readiness
/// says 503, and once it is back the same silo and API serve again without a restart.
/// </summary>
public sealed class StorageOutageEndToEndTests : IAsyncLifetime
{
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync() => _system = await StorageFaultHarness.StartAsync(throughProxy: false);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task DynamoDbStoppedThenStarted_503WithRetryAfterThenRecoversWithoutRestart()
    {
        var api = _system.Client;
        var borrower = await api.NewUserAsync("Olive Outage");
        var loanId = (await api.CreateLoanAsync(borrower, 900m))["loan_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).Status);

        _system.DynamoDb.Stop();

        // Readiness, a new loan (a fresh activation reads storage), lenders on a loaded loan (a write), a sign-up.
        var createKey = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var addKey = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var lenderEmail = TestApi.UniqueEmail("outage-lender");
        var newUserEmail = TestApi.UniqueEmail("outage-signup");
        var addBody = new JsonObject { ["lenders"] = TestApi.Lenders((lenderEmail, 400m)) };

        AssertUnavailable(await api.GetAsync("/health/ready"));
        AssertUnavailable(await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, createKey));
        AssertUnavailable(await api.PostAsync($"/api/v1/loans/{loanId}/lenders", addBody, borrower.Token, addKey));
        AssertUnavailable(await api.RegisterAsync(newUserEmail));

        await _system.DynamoDb.RestartAsync();

        Assert.True(await _system.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), "readiness did not return to 200 after DynamoDB came back");
        var created = await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, createKey);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var added = await api.PostAsync($"/api/v1/loans/{loanId}/lenders", addBody, borrower.Token, addKey);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(newUserEmail)).Status);

        // The refused write left nothing half done: the lender is on the loan exactly once.
        var loan = await api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        Assert.Equal(HttpStatusCode.OK, loan.Status);
        Assert.Single(loan.Json["participants"]!.AsArray());
        Assert.Equal(2, (await api.GetAsync("/api/v1/me/loans", borrower.Token)).Json["data"]!.AsArray().Count);
    }

    private static void AssertUnavailable(ApiResponse response)
    {
        ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        var retryAfter = response.Header("Retry-After");
        Assert.NotNull(retryAfter);
        var seconds = int.Parse(retryAfter, CultureInfo.InvariantCulture);
        Assert.True(seconds >= 1, $"Retry-After {seconds}");
        Assert.Equal(seconds, response.Json["retry_after"]!.GetValue<int>());
    }
}
