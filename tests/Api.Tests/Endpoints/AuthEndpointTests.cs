using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class AuthEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Register_ValidBody_Returns202AndTheAccountSignsIn()
    {
        var email = TestApi.UniqueEmail("Reg");

        var response = await Api.RegisterAsync("  " + email + " ", name: "Ada Lovelace");

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal(email, response.Json["email"]!.GetValue<string>());
        Assert.Null(response.Json["user_id"]);
        Assert.DoesNotContain(TestApi.Password, response.Body, StringComparison.Ordinal);
        var user = (await Api.GetAsync("/api/v1/me", await Api.LoginAsync(email))).Json;
        Assert.True(Guid.TryParse(user["user_id"]!.GetValue<string>(), out _));
        Assert.Equal(email, user["email"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", user["name"]!.GetValue<string>());
        Assert.Contains("user", user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(user["password_hash"]);
    }

    [Fact]
    public async Task Register_VerifiedEmailOtherCase_SameAnswerAsAFreeOneAndTheOwnerIsTold()
    {
        var owner = await Api.NewUserAsync("Owner");
        var free = await Api.RegisterAsync(TestApi.UniqueEmail("free"));

        var again = await Api.RegisterAsync(owner.Email.ToUpperInvariant(), "another-long-password");

        // Nothing tells a taken address from a free one (it was 409 CONFLICT), and the owner's account is untouched.
        Assert.Equal(free.Status, again.Status);
        Assert.Equal(free.Json["detail"]!.GetValue<string>(), again.Json["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", owner.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = owner.Email, ["password"] = TestApi.Password })).Status);
        Assert.Contains(TestMailbox.Instance.To(owner.Email), m => m.Subject.Contains("tried to register", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short", "password")]
    [InlineData("", "password")]
    public async Task Register_WeakPassword_Returns400WithPasswordError(string password, string field)
    {
        var response = await Api.RegisterAsync(TestApi.UniqueEmail(), password);

        ProblemAssert.HasFieldError(response, field);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Bob <bob@example.com>")]
    [InlineData("")]
    public async Task Register_InvalidEmail_Returns400WithEmailError(string email)
    {
        var response = await Api.RegisterAsync(email);

        ProblemAssert.HasFieldError(response, "email");
    }

    [Fact]
    public async Task Register_NameTooLongOrMissing_Returns400WithNameError()
    {
        ProblemAssert.HasFieldError(await Api.RegisterAsync(TestApi.UniqueEmail(), name: new string('n', 201)), "name");
        ProblemAssert.HasFieldError(await Api.RegisterAsync(TestApi.UniqueEmail(), name: "  "), "name");
    }

    [Fact]
    public async Task Login_ValidCredentials_Returns200WithBearerToken()
    {
        var email = TestApi.UniqueEmail();
        await Api.RegisterAsync(email);

        var response = await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = email.ToUpperInvariant(), ["password"] = TestApi.Password });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer", response.Json["token_type"]!.GetValue<string>());
        Assert.Equal(900, response.Json["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(response.Json["refresh_token"]!.GetValue<string>()));
        var token = new JsonWebToken(response.Json["access_token"]!.GetValue<string>());
        Assert.Equal(email, token.GetClaim("email").Value);
        Assert.True(Guid.TryParse(token.Subject, out _));
        Assert.Equal("Test User", token.GetClaim("name").Value);
        Assert.Contains(token.Claims, c => c.Type == "roles" && c.Value == "user");
        Assert.True(Guid.TryParse(token.GetClaim("sid").Value, out _));
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_Returns401WithTheSameAnswer()
    {
        var email = TestApi.UniqueEmail();
        await Api.RegisterAsync(email);

        var wrongPassword = await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = email, ["password"] = "wrong-password-123" });
        var unknown = await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = TestApi.UniqueEmail(), ["password"] = TestApi.Password });

        ProblemAssert.IsProblem(wrongPassword, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(unknown, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(wrongPassword.Json["detail"]!.GetValue<string>(), unknown.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_MissingPassword_Returns400WithPasswordError()
    {
        var response = await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = TestApi.UniqueEmail() });

        ProblemAssert.HasFieldError(response, "password");
    }

    [Fact]
    public async Task Me_WithToken_ReturnsProfile()
    {
        var user = await Api.NewUserAsync("Grace Hopper");

        var response = await Api.GetAsync("/api/v1/me", user.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(user.UserId.ToString(), response.Json["user_id"]!.GetValue<string>());
        Assert.Equal(user.Email, response.Json["email"]!.GetValue<string>());
        Assert.Equal("Grace Hopper", response.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401Problem()
    {
        var response = await Api.GetAsync("/api/v1/me");

        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.StartsWith("Bearer", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithGarbageToken_Returns401Problem()
    {
        var response = await Api.GetAsync("/api/v1/me", "not.a.jwt");

        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("invalid_token", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithExpiredOrForeignToken_Returns401Problem()
    {
        var user = await Api.NewUserAsync();
        var expired = Token(user, ApiFixture.SigningKey, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var foreign = Token(user, "some-other-signing-key-that-is-long-enough-0123456789", DateTime.UtcNow, DateTime.UtcNow.AddHours(1));

        ProblemAssert.IsProblem(await Api.GetAsync("/api/v1/me", expired), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(await Api.GetAsync("/api/v1/me", foreign), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private static string Token(TestUser user, string key, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "privatelending",
            Audience = "privatelending",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = user.UserId.ToString(), ["email"] = user.Email, ["name"] = user.Name },
        });
}
