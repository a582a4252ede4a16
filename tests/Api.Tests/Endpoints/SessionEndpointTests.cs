using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// Sessions a user can end: a stolen access token and refresh token stop working at sign-out, a password change
/// or reset, and when a rotated refresh token is used again.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SessionEndpointTests(ApiFixture fixture)
{
    private const string NewPassword = "a-brand-new-long-password";

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Refresh_RefreshToken_NewPairAndTheOldRefreshTokenIsSpent()
    {
        var user = await Api.NewUserAsync();

        var (access, refresh) = await Api.RefreshAsync(user.RefreshToken);

        Assert.NotEqual(user.RefreshToken, refresh);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", user.Token)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("ZW0xX2FiYw.0f5c2a9e7b8d4c1e9a6b3d2c1f0e9d8c.secret")]
    public async Task Refresh_InvalidToken_401(string token)
    {
        var response = await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = token });

        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Refresh_RotatedTokenUsedAgain_EndsTheWholeSession()
    {
        var user = await Api.NewUserAsync();
        var stolen = user.RefreshToken;
        var (ownersAccess, ownersRefresh) = await Api.RefreshAsync(user.RefreshToken);

        var thief = await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = stolen });

        ProblemAssert.IsProblem(thief, HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        AssertCutOff(await Api.GetAsync("/api/v1/me", ownersAccess));
        AssertCutOff(await Api.GetAsync("/api/v1/me", user.Token));
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = ownersRefresh }),
            HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task Logout_StolenTokens_StopWorkingAndOtherSessionsGoOn()
    {
        var user = await Api.NewUserAsync();
        var (otherAccess, _) = await Api.SignInAsync(user.Email);

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync("/api/v1/auth/logout", null, user.Token)).Status);

        AssertCutOff(await Api.GetAsync("/api/v1/me", user.Token));
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = user.RefreshToken }),
            HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", otherAccess)).Status);
    }

    [Fact]
    public async Task ChangePassword_CurrentPassword_EverySessionEndsAndOnlyTheNewPasswordSignsIn()
    {
        var user = await Api.NewUserAsync();
        var (stolen, stolenRefresh) = await Api.SignInAsync(user.Email);

        var wrong = await Api.PostAsync("/api/v1/auth/password",
            new JsonObject { ["current_password"] = "not-my-password", ["new_password"] = NewPassword }, user.Token);
        var changed = await Api.PostAsync("/api/v1/auth/password",
            new JsonObject { ["current_password"] = TestApi.Password, ["new_password"] = NewPassword }, user.Token);

        ProblemAssert.HasFieldError(wrong, "current_password");
        Assert.Equal(HttpStatusCode.NoContent, changed.Status);
        AssertCutOff(await Api.GetAsync("/api/v1/me", stolen));
        AssertCutOff(await Api.GetAsync("/api/v1/me", user.Token));
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = stolenRefresh }),
            HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = user.Email, ["password"] = TestApi.Password }),
            HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/me", await Api.LoginAsync(user.Email, NewPassword))).Status);
    }

    [Fact]
    public async Task ChangePassword_WeakNewPasswordOrAnonymous_Refused()
    {
        var user = await Api.NewUserAsync();
        var body = new JsonObject { ["current_password"] = TestApi.Password, ["new_password"] = "short" };

        ProblemAssert.HasFieldError(await Api.PostAsync("/api/v1/auth/password", body, user.Token), "new_password");
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/password", body.DeepClone()), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task PasswordReset_LinkFromTheMail_StolenTokensStopWorkingAndTheLinkWorksOnce()
    {
        var user = await Api.NewUserAsync();

        var asked = await Api.PostAsync("/api/v1/auth/password-reset", new JsonObject { ["email"] = user.Email.ToUpperInvariant() });
        var token = await TestMailbox.Instance.ResetTokenAsync(user.Email);
        var confirm = new JsonObject { ["token"] = token, ["new_password"] = NewPassword };
        var reset = await Api.PostAsync("/api/v1/auth/password-reset/confirm", confirm);
        var again = await Api.PostAsync("/api/v1/auth/password-reset/confirm", confirm.DeepClone());

        Assert.Equal(HttpStatusCode.Accepted, asked.Status);
        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        ProblemAssert.IsProblem(again, HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
        AssertCutOff(await Api.GetAsync("/api/v1/me", user.Token));
        ProblemAssert.IsProblem(await Api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = user.RefreshToken }),
            HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        var me = await Api.GetAsync("/api/v1/me", await Api.LoginAsync(user.Email, NewPassword));
        Assert.Equal(user.UserId.ToString(), me.Json["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PasswordReset_UnknownEmail_SameAnswerAndNoMail()
    {
        var nobody = TestApi.UniqueEmail("nobody");

        var response = await Api.PostAsync("/api/v1/auth/password-reset", new JsonObject { ["email"] = nobody });

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Empty(TestMailbox.Instance.To(nobody));
    }

    [Fact]
    public async Task PasswordResetConfirm_InvalidToken_400BeforeAnyHash()
    {
        var response = await Api.PostAsync("/api/v1/auth/password-reset/confirm",
            new JsonObject { ["token"] = "ZW0xX2FiYw.wrong-secret", ["new_password"] = NewPassword });

        ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
    }

    private static void AssertCutOff(ApiResponse response) =>
        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
}
