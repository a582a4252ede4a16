using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Security;

/// <summary>
/// Broken object-level authorisation and broken authentication (OWASP API1, API2) and mass assignment (API3):
/// another user's token sees nothing, forged or stale tokens are refused, and no body sets a server field.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AccessMatrixTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task EveryLoanEndpoint_AnotherUsersToken_NoDataAndNoChange()
    {
        var owner = await Api.NewUserAsync();
        var stranger = await Api.NewUserAsync();
        var invited = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(owner, 1000m, (invited.Email, 100m));
        var loanId = loan["loan_id"]!.GetValue<Guid>();
        var participantId = loan["participants"]![0]!["participant_id"]!.GetValue<Guid>();
        var documentId = (await Api.SendAsync(DocumentSteps.Upload(loanId.ToString(), owner.Token, DocumentSteps.Png()))).Json["document_id"]!.GetValue<Guid>();
        loan = (await Api.GetAsync($"/api/v1/loans/{loanId}", owner.Token)).Json;
        var ifMatch = new Dictionary<string, string> { ["If-Match"] = $"\"{loan["version"]}\"" };

        var responses = new[]
        {
            await Api.GetAsync($"/api/v1/loans/{loanId}", stranger.Token),
            await Api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{loanId}", stranger.Token, new JsonObject { ["purpose"] = "Mine now" }, ifMatch),
            await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loanId}", stranger.Token, new JsonObject { ["reason"] = "Mine now" }, ifMatch),
            await Api.PostAsync($"/api/v1/loans/{loanId}/lenders", new JsonObject { ["lenders"] = TestApi.Lenders(($"friend-{Guid.NewGuid():N}@example.com", 1m)) }, stranger.Token),
            await Api.PostAsync($"/api/v1/loans/{loanId}/lenders/batch", new JsonObject { ["lenders"] = TestApi.Lenders(($"friend-{Guid.NewGuid():N}@example.com", 1m)) }, stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/history", stranger.Token),
            await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(), stranger.Token),
            await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/decline", new JsonObject(), stranger.Token),
            await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", new JsonObject { ["disbursed_on"] = "2026-01-01" }, stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/payoff", stranger.Token),
            await Api.PostAsync($"/api/v1/loans/{loanId}/repayments", new JsonObject { ["amount"] = 1, ["paid_on"] = "2026-01-01" }, stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/repayments", stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/repayments/{Guid.NewGuid()}", stranger.Token),
            await Api.SendAsync(DocumentSteps.Upload(loanId.ToString(), stranger.Token, DocumentSteps.Png())),
            await Api.GetAsync($"/api/v1/loans/{loanId}/documents", stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/documents/{documentId}", stranger.Token),
            await Api.GetAsync($"/api/v1/loans/{loanId}/documents/{documentId}/content", stranger.Token),
            await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loanId}/documents/{documentId}", stranger.Token),
        };
        var strangerLists = new[]
        {
            await Api.GetAsync("/api/v1/me/loans", stranger.Token),
            await Api.GetAsync("/api/v1/me/invitations", stranger.Token),
            await Api.GetAsync("/api/v1/me/portfolio", stranger.Token),
        };
        var after = await Api.GetAsync($"/api/v1/loans/{loanId}", owner.Token);

        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)r.Status}: {r.Body}"));
        Assert.All(responses, r => Assert.DoesNotContain(owner.Email, r.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(strangerLists, r => Assert.DoesNotContain(loanId.ToString(), r.Body, StringComparison.OrdinalIgnoreCase));
        // Not the version: linking the invited lender's account may bump it. What a stranger could change must not change.
        Assert.Equal(loan["purpose"]!.GetValue<string>(), after.Json["purpose"]!.GetValue<string>());
        Assert.Equal("PENDING", after.Json["status"]!.GetValue<string>());
        Assert.Single(after.Json["participants"]!.AsArray());
        Assert.Equal("PENDING", after.Json["participants"]![0]!["status"]!.GetValue<string>());
    }

    // "no-session" and "ended-session" are signed with the right key: a signature alone no longer lets a token in.
    public static TheoryData<string> ForgedTokens => ["alg-none", "wrong-key", "expired", "wrong-issuer", "wrong-audience", "no-session", "ended-session"];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task ProtectedEndpoints_ForgedOrStaleToken_Return401Problem(string kind)
    {
        var user = await Api.NewUserAsync();
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "alg-none" => Token(user, null, now, now.AddHours(1)),
            "wrong-key" => Token(user, "an-attackers-own-signing-key-that-is-long-enough-0123456789", now, now.AddHours(1)),
            "expired" => Token(user, ApiFixture.SigningKey, now.AddHours(-2), now.AddHours(-1)),
            "wrong-issuer" => Token(user, ApiFixture.SigningKey, now, now.AddHours(1), issuer: "someone-else"),
            "no-session" => Token(user, ApiFixture.SigningKey, now, now.AddHours(1)),
            "ended-session" => Token(user, ApiFixture.SigningKey, now, now.AddHours(1), session: Guid.NewGuid()),
            _ => Token(user, ApiFixture.SigningKey, now, now.AddHours(1), audience: "someone-else"),
        };

        foreach (var path in new[] { "/api/v1/me", "/api/v1/me/loans", "/api/v1/me/invitations", "/api/v1/me/portfolio" })
        {
            ProblemAssert.IsProblem(await Api.GetAsync(path, token), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var create = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m), token);
        ProblemAssert.IsProblem(create, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var logout = await Api.PostAsync("/api/v1/auth/logout", null, token);
        ProblemAssert.IsProblem(logout, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task SignedInAccountRoutes_Anonymous_401AndNothingChanges()
    {
        var user = await Api.NewUserAsync();
        var responses = new[]
        {
            await Api.PostAsync("/api/v1/auth/logout", null),
            await Api.PostAsync("/api/v1/auth/password", new JsonObject { ["current_password"] = TestApi.Password, ["new_password"] = "someone-elses-password" }),
            await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = "x.y" }),
            await Api.PostAsync("/api/v1/auth/resend-verification", null),
            await Api.PostAsync("/api/v1/me/events/ticket", null),
        };

        Assert.All(responses, r => ProblemAssert.IsProblem(r, HttpStatusCode.Unauthorized, "UNAUTHORIZED"));
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", user.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = user.RefreshToken })).Status);
    }

    [Fact]
    public async Task AccountRoutes_AnotherUsersTokens_CannotEndOrRenewTheirSession()
    {
        var victim = await Api.NewUserAsync();
        var attacker = await Api.NewUserAsync();
        // The attacker's refresh token with the victim's session id: the account named by the token's key is the attacker's.
        var parts = attacker.RefreshToken.Split('.');
        var victimsSession = victim.RefreshToken.Split('.')[1];
        var spliced = $"{parts[0]}.{victimsSession}.{parts[2]}";

        var refresh = await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = spliced });
        await Api.PostAsync("/api/v1/auth/logout", null, attacker.Token);

        ProblemAssert.IsProblem(refresh, HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", victim.Token)).Status);
    }

    [Fact]
    public async Task CreateLoan_BodyNamesServerFields_TheyAreIgnoredOrRefused()
    {
        var user = await Api.NewUserAsync();
        var injectedId = Guid.NewGuid();
        var body = TestApi.LoanBody(1000m);
        body["loan_id"] = injectedId.ToString();
        body["borrower_id"] = Guid.NewGuid().ToString();
        body["status"] = "FUNDED";
        body["version"] = 99;
        body["terms_version"] = 99;
        body["total_funded"] = 1000;
        body["funding_percentage"] = 100;
        body["created_at"] = "2000-01-01T00:00:00Z";
        body["created_by"] = Guid.NewGuid().ToString();
        body["email_verified"] = true;

        var response = await Api.PostAsync("/api/v1/loans", body, user.Token);

        if (response.Status != HttpStatusCode.Created)
        {
            ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            return;
        }

        Assert.NotEqual(injectedId, response.Json["loan_id"]!.GetValue<Guid>());
        Assert.Equal(user.UserId, response.Json["borrower_id"]!.GetValue<Guid>());
        Assert.Equal("PENDING", response.Json["status"]!.GetValue<string>());
        Assert.Equal(0m, response.Json["total_funded"]!.GetValue<decimal>());
        Assert.NotEqual(99, response.Json["version"]!.GetValue<long>());
        Assert.Equal(1, response.Json["terms_version"]!.GetValue<long>());
    }

    private static string Token(TestUser user, string? key, DateTime notBefore, DateTime expires, string issuer = "privatelending",
        string audience = "privatelending", Guid? session = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            // No credentials: an unsigned token with "alg": "none".
            SigningCredentials = key is null ? null : new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            Claims = session is { } sid
                ? new Dictionary<string, object> { ["sub"] = user.UserId.ToString(), ["email"] = user.Email, ["name"] = user.Name, ["sid"] = sid.ToString("N") }
                : new Dictionary<string, object> { ["sub"] = user.UserId.ToString(), ["email"] = user.Email, ["name"] = user.Name },
        });
}
