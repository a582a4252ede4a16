using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Security;

/// <summary>
/// Someone registers an invited address before its owner does: over HTTP and the mail the address receives, the
/// owner ends up holding it and the squatter sees nothing. Verifying is bound to the registrant's own session.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AccountTakeoverTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public Task Squatter_RegistersAnInvitedAddressFirst_OwnerEndsUpHoldingItAndTheSquatterSeesNothing() =>
        SquatterStoryAsync(Api);

    /// <summary>
    /// The story, against the in-process cluster here and against the silo executable with its mail read from MailDev
    /// in <c>AccountTakeoverEndToEndTests</c>; every link and notice is read from <see cref="TestApi.Inbox"/>.
    /// </summary>
    internal static async Task SquatterStoryAsync(TestApi api)
    {
        var borrower = await api.NewUserAsync("Bea Borrower");
        var bob = TestApi.UniqueEmail("bob");
        var loan = await api.CreateLoanAsync(borrower, 1000m, (bob, 500m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var squatter = await api.NewUnverifiedUserAsync("Squatter", bob);
        var squattersLink = await api.Inbox.VerificationTokenAsync(bob);

        // The squatter's link lands in the owner's inbox; the owner's click, without the squatter's session, verifies nothing.
        var ownersClick = await api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = squattersLink });
        ProblemAssert.IsProblem(ownersClick, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.False((await api.GetAsync("/api/v1/me", squatter.Token)).Json["email_verified"]!.GetValue<bool>());
        ProblemAssert.IsProblem(await api.GetAsync("/api/v1/me/invitations", squatter.Token), HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");

        // The owner, who cannot sign in to the squatter's account, registers the address: the same answer as a free one.
        var registered = await api.RegisterAsync(bob, "bobs-own-long-password", "Bob Owner");
        var free = TestApi.UniqueEmail("free");
        var freeRegistered = await api.RegisterAsync(free, "bobs-own-long-password", "Bob Owner");
        Assert.Equal(HttpStatusCode.Accepted, registered.Status);
        Assert.Equal(freeRegistered.Status, registered.Status);
        Assert.Equal(freeRegistered.Body.Replace(free, bob, StringComparison.Ordinal), registered.Body);
        var (owner, _) = await api.SignInAsync(bob, "bobs-own-long-password");
        // The owner clicks the squatter's older link while signed in: it belongs to another account and verifies nobody.
        var wrongLink = await api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = squattersLink }, owner);
        ProblemAssert.IsProblem(wrongLink, HttpStatusCode.BadRequest, "INVALID_VERIFICATION_TOKEN");
        // The newest link, opened in the owner's own session, proves the inbox.
        Assert.Equal(HttpStatusCode.OK, (await api.VerifyEmailAsync(bob, owner)).Status);

        var invitations = await api.GetAsync("/api/v1/me/invitations", owner);
        Assert.Equal(loanId, Assert.Single(invitations.Json["data"]!.AsArray())!["loan_id"]!.GetValue<string>());
        // The squatter lost the address: their token, their password and a new registration all come to nothing.
        ProblemAssert.IsProblem(await api.GetAsync("/api/v1/me/invitations", squatter.Token), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(await api.GetAsync($"/api/v1/loans/{loanId}", squatter.Token), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(await api.PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = squatter.RefreshToken }),
            HttpStatusCode.Unauthorized, "INVALID_REFRESH_TOKEN");
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(bob, TestApi.Password, "Squatter")).Status);
        ProblemAssert.IsProblem(await api.PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = bob, ["password"] = TestApi.Password }),
            HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var me = await api.GetAsync("/api/v1/me", owner);
        Assert.Equal("Bob Owner", me.Json["name"]!.GetValue<string>());
        Assert.True(me.Json["email_verified"]!.GetValue<bool>());
        Assert.Contains(await TriedToRegisterNoticeAsync(api, bob), s => s.Contains("tried to register", StringComparison.Ordinal));
    }

    // The notice goes out through the mail outbox after the registration answered: wait for it a little.
    private static async Task<IReadOnlyList<string>> TriedToRegisterNoticeAsync(TestApi api, string address)
    {
        for (var attempt = 0; ; attempt++)
        {
            var subjects = await api.Inbox.SubjectsAsync(address);
            if (attempt >= 100 || subjects.Any(s => s.Contains("tried to register", StringComparison.Ordinal)))
            {
                return subjects;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task VerifyEmail_LinkOpenedWithoutTheRegistrantsSession_VerifiesNobody()
    {
        // The squatter's mail reaches the owner's inbox; the owner's click used to verify the squatter's account.
        var squatter = await Api.NewUnverifiedUserAsync("Squatter");
        var someoneElse = await Api.NewUserAsync("Someone Else");
        var token = await TestMailbox.Instance.VerificationTokenAsync(squatter.Email);

        var anonymous = await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token });
        var otherAccount = await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token }, someoneElse.Token);

        ProblemAssert.IsProblem(anonymous, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        ProblemAssert.IsProblem(otherAccount, HttpStatusCode.BadRequest, "INVALID_VERIFICATION_TOKEN");
        Assert.False((await Api.GetAsync("/api/v1/me", squatter.Token)).Json["email_verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PasswordReset_OnASquattersAccount_OwnerGetsAFreshVerifiedIdentity()
    {
        var borrower = await Api.NewUserAsync("Bea Borrower");
        var bob = TestApi.UniqueEmail("bob");
        await Api.CreateLoanAsync(borrower, 1000m, (bob, 500m));
        var squatter = await Api.NewUnverifiedUserAsync("Squatter", bob);

        Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync("/api/v1/auth/password-reset", new JsonObject { ["email"] = bob })).Status);
        var token = await TestMailbox.Instance.ResetTokenAsync(bob);
        var reset = await Api.PostAsync("/api/v1/auth/password-reset/confirm", new JsonObject { ["token"] = token, ["new_password"] = "bobs-own-long-password" });

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        ProblemAssert.IsProblem(await Api.GetAsync("/api/v1/me", squatter.Token), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var owner = await Api.LoginAsync(bob, "bobs-own-long-password");
        var me = await Api.GetAsync("/api/v1/me", owner);
        Assert.True(me.Json["email_verified"]!.GetValue<bool>());
        Assert.NotEqual(squatter.UserId.ToString(), me.Json["user_id"]!.GetValue<string>());
        Assert.Single((await Api.GetAsync("/api/v1/me/invitations", owner)).Json["data"]!.AsArray());
    }
}
