using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>Behaviour that needs other settings than the shared host: small rate limits, allowed CORS origins.</summary>
[Collection(SharedApi.Name)]
public sealed class ConfiguredHostTests(ApiFixture fixture)
{
    [Fact]
    public async Task Requests_BeyondBurst_Return429WithRetryAfterAndRateLimitHeaders()
    {
        var user = await fixture.Client.NewUserAsync();
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "3",
        });
        var api = new TestApi(host.Http);

        var responses = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await api.GetAsync("/api/v1/me", user.Token));
        }

        var first = responses[0];
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("3", first.Header("X-RateLimit-Limit"));
        Assert.Equal("2", first.Header("X-RateLimit-Remaining"));
        Assert.NotNull(first.Header("X-RateLimit-Reset"));
        var limited = responses[^1];
        ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.True(int.Parse(limited.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(limited.Json["retry_after"]!.GetValue<int>() >= 1);
        Assert.Equal("0", limited.Header("X-RateLimit-Remaining"));

        // Limits are per user: someone else still gets through, and health probes are never limited.
        var other = await fixture.Client.NewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", other.Token)).Status);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/live")).Status);
        }
    }

    [Fact]
    public async Task Login_BeyondLoginLimit_Returns429ForThatEmailOnly()
    {
        var user = await fixture.Client.NewUserAsync();
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["RateLimiting:LoginPermitsPerMinute"] = "2" });
        var api = new TestApi(host.Http);
        JsonObject Body(string email) => new() { ["email"] = email, ["password"] = "wrong-password-123" };

        var attempts = new List<ApiResponse>();
        for (var i = 0; i < 3; i++)
        {
            attempts.Add(await api.PostAsync("/api/v1/auth/login", Body(user.Email)));
        }

        ProblemAssert.IsProblem(attempts[0], HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(attempts[2], HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.NotNull(attempts[2].Header("Retry-After"));
        // Even the right password waits now; another email from the same client does not.
        ProblemAssert.IsProblem(await api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = user.Email, ["password"] = user.Password }),
            HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        ProblemAssert.IsProblem(await api.PostAsync("/api/v1/auth/login", Body(TestApi.UniqueEmail())), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_IsAllowedAndOthersAreNot()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        var api = new TestApi(host.Http);

        async Task<ApiResponse> Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/loans");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
            return await api.SendAsync(request);
        }

        Assert.Equal("https://app.example.com", (await Preflight("https://app.example.com")).Header("Access-Control-Allow-Origin"));
        Assert.Null((await Preflight("https://other.example.com")).Header("Access-Control-Allow-Origin"));
    }
}
