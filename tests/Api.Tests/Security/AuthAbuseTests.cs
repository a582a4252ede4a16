using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Security;

/// <summary>
/// Password hashing is deliberately slow, so register and login are where a client buys CPU: limited per client IP
/// (whatever emails it rotates through), per account (whatever IPs the guesses come from), and refused requests
/// spend no hash at all.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AuthAbuseTests(ApiFixture fixture)
{
    private long HashOperations => fixture.Api.Services.GetRequiredService<PasswordHashing>().Operations;

    private static JsonObject Credentials(string email, string password = "wrong-password-123") =>
        new() { ["email"] = email, ["password"] = password };

    [Fact]
    public async Task Register_RotatingEmailsFromOneIp_429AfterPerIpLimitWhileOtherIpsGoOn()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["RateLimiting:AuthPermitsPerMinute"] = "3" });
        var client = ClientAddress.From(host.BaseAddress, 21);
        var other = ClientAddress.From(host.BaseAddress, 22);

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.RegisterAsync(TestApi.UniqueEmail("rotating")));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        ProblemAssert.IsProblem(answers[3], HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.True(int.Parse(answers[3].Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1);
        // Login shares the budget: the same client cannot switch endpoint to get more hashes.
        ProblemAssert.IsProblem(await client.PostAsync("/api/v1/auth/login", Credentials(TestApi.UniqueEmail())),
            HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.Equal(HttpStatusCode.Accepted, (await other.RegisterAsync(TestApi.UniqueEmail("other-ip"))).Status);
    }

    [Fact]
    public async Task Login_RotatingEmailsFromOneIp_429AfterPerIpLimitWithoutHashing()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["RateLimiting:AuthPermitsPerMinute"] = "3" });
        var client = ClientAddress.From(host.BaseAddress, 23);
        var hashing = host.Services.GetRequiredService<PasswordHashing>();

        for (var i = 0; i < 3; i++)
        {
            ProblemAssert.IsProblem(await client.PostAsync("/api/v1/auth/login", Credentials(TestApi.UniqueEmail("guess"))),
                HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var before = hashing.Operations;
        var refused = await client.PostAsync("/api/v1/auth/login", Credentials(TestApi.UniqueEmail("guess")));

        ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.NotNull(refused.Header("Retry-After"));
        Assert.Equal(before, hashing.Operations);
    }

    [Fact]
    public async Task Login_RepeatedWrongPasswordsFromSeveralIps_AccountBacksOffWithRetryAfter()
    {
        var user = await fixture.Client.NewUserAsync();
        var bystander = await fixture.Client.NewUserAsync();

        // Five guesses, each from its own address: no per-IP limit is reached.
        for (var i = 0; i < 5; i++)
        {
            var guess = await ClientAddress.From(fixture.Api.BaseAddress, 31 + i).PostAsync("/api/v1/auth/login", Credentials(user.Email));
            ProblemAssert.IsProblem(guess, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var before = HashOperations;
        var sixth = await ClientAddress.From(fixture.Api.BaseAddress, 36).PostAsync("/api/v1/auth/login", Credentials(user.Email));
        var rightPassword = await ClientAddress.From(fixture.Api.BaseAddress, 37)
            .PostAsync("/api/v1/auth/login", Credentials(user.Email, user.Password));

        ProblemAssert.IsProblem(sixth, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        var retryAfter = int.Parse(sixth.Header("Retry-After")!, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 30);
        Assert.Equal(retryAfter, sixth.Json["retry_after"]!.GetValue<int>());
        // Locked means locked: the right password waits too, and no hash was spent on either.
        ProblemAssert.IsProblem(rightPassword, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.Equal(before, HashOperations);
        // Only that account: another one signs in from the same addresses.
        Assert.Equal(HttpStatusCode.OK,
            (await ClientAddress.From(fixture.Api.BaseAddress, 36).PostAsync("/api/v1/auth/login", Credentials(bystander.Email, bystander.Password))).Status);
    }

    [Fact]
    public async Task Login_RightPasswordBeforeLockout_ClearsTheCount()
    {
        var user = await fixture.Client.NewUserAsync();
        for (var i = 0; i < 4; i++)
        {
            ProblemAssert.IsProblem(await fixture.Client.PostAsync("/api/v1/auth/login", Credentials(user.Email)), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        await fixture.Client.LoginAsync(user.Email);

        for (var i = 0; i < 4; i++)
        {
            ProblemAssert.IsProblem(await fixture.Client.PostAsync("/api/v1/auth/login", Credentials(user.Email)), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        await fixture.Client.LoginAsync(user.Email);
    }

    [Fact]
    public async Task Register_InvalidEmail_AnswersWithoutHashing()
    {
        var before = HashOperations;

        var invalid = await fixture.Client.RegisterAsync("not-an-email", "short");

        ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(before, HashOperations);
    }

    [Fact]
    public async Task Register_TakenEmail_HashesLikeAFreeOne()
    {
        // A taken address used to answer without a hash (409): the time taken told which addresses have accounts.
        var taken = await fixture.Client.NewUserAsync();
        var before = HashOperations;

        var duplicate = await fixture.Client.RegisterAsync(taken.Email.ToUpperInvariant(), "another-long-password");

        Assert.Equal(HttpStatusCode.Accepted, duplicate.Status);
        Assert.Equal(before + 1, HashOperations);
    }

    [Fact]
    public async Task Register_SameIdempotencyKeyAgain_ReplaysWithoutHashing()
    {
        var email = TestApi.UniqueEmail("replay");
        var body = new JsonObject { ["email"] = email, ["password"] = TestApi.Password, ["name"] = "Replay" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = await fixture.Client.PostAsync("/api/v1/auth/register", body, headers: key);
        var before = HashOperations;

        var again = await fixture.Client.PostAsync("/api/v1/auth/register", body, headers: key);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(before, HashOperations);
    }
}
