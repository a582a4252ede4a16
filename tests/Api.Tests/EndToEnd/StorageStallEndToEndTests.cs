using System.Globalization;
using System.Net;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// DynamoDB stops answering without closing connections (a paused server, a network that drops packets): the silo
/// must give up on storage and the API answer 503 + Retry-After within seconds, not after the Orleans call
/// time-out (30 s); once DynamoDB answers again the same silo and API serve without a restart.
/// </summary>
public sealed class StorageStallEndToEndTests : IAsyncLifetime
{
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync() => _system = await StorageFaultHarness.StartAsync(throughProxy: true);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task DynamoDbStopsAnswering_503WithRetryAfterWithinSecondsThenRecovers()
    {
        var api = _system.Client;
        var borrower = await api.NewUserAsync("Stella Stall");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        _system.Proxy!.Stall = true;
        // The harness's client gives up after StorageFaultHarness.AnswerBound: a slower answer fails the test.
        var ready = await api.GetAsync("/health/ready");
        var created = await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, key);
        _system.Proxy.Stall = false;

        ProblemAssert.IsProblem(ready, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        ProblemAssert.IsProblem(created, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.True(int.Parse(created.Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1);

        Assert.True(await _system.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), "readiness did not return to 200");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/loans", TestApi.LoanBody(300m), borrower.Token, key)).Status);
    }
}
