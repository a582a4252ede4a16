using PrivateLending.TestSupport;
using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>Verified email: what an account may do before it proves it reads mail at its address.</summary>
[Collection(SharedApi.Name)]
public sealed class EmailVerificationTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Register_NewAccount_UnverifiedAndVerificationMailWithTokenLink()
    {
        var email = TestApi.UniqueEmail("new");

        var registered = await Api.RegisterAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, registered.Status);
        var mail = Assert.Single(TestMailbox.Instance.To(email));
        Assert.Contains("/app/verify-email?token=", mail.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await TestMailbox.Instance.VerificationTokenAsync(email)));
    }

    [Fact]
    public async Task Takeover_SquatterRegistersInvitedEmail_SeesNothingAndCannotAnswer()
    {
        var borrower = await Api.NewUserAsync("Borrower");
        var bob = TestApi.UniqueEmail("bob");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (bob, 500m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var participantId = loan["participants"]![0]!["participant_id"]!.GetValue<string>();

        var squatter = await Api.NewUnverifiedUserAsync("Squatter", bob);

        ProblemAssert.IsProblem(await Api.GetAsync("/api/v1/me/invitations", squatter.Token), HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}", squatter.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        var accept = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(), squatter.Token);
        ProblemAssert.IsProblem(accept, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        var decline = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/decline", null, squatter.Token);
        ProblemAssert.IsProblem(decline, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        var seen = await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        Assert.Equal("PENDING", seen.Json["participants"]![0]!["status"]!.GetValue<string>());
        Assert.Null(seen.Json["participants"]![0]!["lender_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Unverified_InvitingLenders_Forbidden()
    {
        var user = await Api.NewUnverifiedUserAsync();

        var withLenders = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m, (TestApi.UniqueEmail(), 10m)), user.Token);
        var plain = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m), user.Token);
        var loanId = plain.Json["loan_id"]!.GetValue<string>();
        var add = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders",
            new JsonObject { ["lenders"] = TestApi.Lenders((TestApi.UniqueEmail(), 10m)) }, user.Token);

        ProblemAssert.IsProblem(withLenders, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        Assert.Equal(HttpStatusCode.Created, plain.Status);
        ProblemAssert.IsProblem(add, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
    }

    [Fact]
    public async Task Invite_TokenIssuedBeforeVerifying_AllowedOnceVerified()
    {
        var email = TestApi.UniqueEmail("late");
        var user = await Api.NewUnverifiedUserAsync("Late", email);
        var plain = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m), user.Token);
        var loanId = plain.Json["loan_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.VerifyEmailAsync(email, user.Token)).Status);

        // The access token still says unverified; the account says verified, and that is what the loan must be told.
        var add = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders",
            new JsonObject { ["lenders"] = TestApi.Lenders((TestApi.UniqueEmail(), 10m)) }, user.Token);

        Assert.Equal(HttpStatusCode.Created, add.Status);
    }

    [Fact]
    public async Task Unverified_InvitingLendersInABatch_ForbiddenAndNoMailSent()
    {
        var user = await Api.NewUnverifiedUserAsync();
        var plain = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m), user.Token);
        var loanId = plain.Json["loan_id"]!.GetValue<string>();
        var invited = TestApi.UniqueEmail("stranger");

        var batch = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders/batch",
            new JsonObject { ["lenders"] = TestApi.Lenders((invited, 10m)) }, user.Token);

        // The invite rule lives in the loan grain, so no route can skip it: the batch is refused like the others.
        ProblemAssert.IsProblem(batch, HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED");
        var loan = await Api.GetAsync($"/api/v1/loans/{loanId}", user.Token);
        Assert.Empty(loan.Json["participants"]!.AsArray());
        Assert.Empty(TestMailbox.Instance.To(invited));
    }

    [Fact]
    public async Task VerifyEmail_TokenFromMail_OkTwiceAndTokenIssuedBeforeSeesInvitations()
    {
        var borrower = await Api.NewUserAsync("Borrower");
        var bob = TestApi.UniqueEmail("bob");
        await Api.CreateLoanAsync(borrower, 1000m, (bob, 500m));
        var user = await Api.NewUnverifiedUserAsync("Bob", bob);
        var token = await TestMailbox.Instance.VerificationTokenAsync(bob);

        var first = await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token }, user.Token);
        var again = await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token }, user.Token);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var me = await Api.GetAsync("/api/v1/me", user.Token);
        Assert.True(me.Json["email_verified"]!.GetValue<bool>());
        var invitations = await Api.GetAsync("/api/v1/me/invitations", user.Token);
        Assert.Equal(HttpStatusCode.OK, invitations.Status);
        Assert.Single(invitations.Json["data"]!.AsArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("Ym9iQGV4YW1wbGUuY29t.wrong-secret")]
    public async Task VerifyEmail_InvalidToken_400(string token)
    {
        var user = await Api.NewUnverifiedUserAsync();

        var response = await Api.PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token }, user.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "INVALID_VERIFICATION_TOKEN");
    }

    [Fact]
    public async Task ResendVerification_RightAfterRegistering_429ThenAnonymous401()
    {
        var user = await Api.NewUnverifiedUserAsync();

        var resend = await Api.PostAsync("/api/v1/auth/resend-verification", null, user.Token);
        var anonymous = await Api.PostAsync("/api/v1/auth/resend-verification", null);

        ProblemAssert.IsProblem(resend, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.NotNull(resend.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    [Fact]
    public async Task ResendVerification_FiveSentToday_SixthIs429UntilMidnightAndSendsNothing()
    {
        // Far enough from midnight UTC that the day's count cannot restart while the silo's clock moves below.
        var timeOfDay = TestClock.Instance.GetUtcNow().TimeOfDay;
        using var awayFromMidnight = TestClock.Instance.Move(timeOfDay > TimeSpan.FromHours(23.5) ? TimeSpan.FromHours(1) : TimeSpan.Zero);
        var user = await Api.NewUnverifiedUserAsync();
        var moves = new Stack<IDisposable>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                // Past the one-a-minute limit each time, so only the daily cap can refuse.
                moves.Push(TestClock.Instance.Move(TimeSpan.FromSeconds(61)));
                Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync("/api/v1/auth/resend-verification", null, user.Token)).Status);
            }

            moves.Push(TestClock.Instance.Move(TimeSpan.FromSeconds(61)));
            var refused = await Api.PostAsync("/api/v1/auth/resend-verification", null, user.Token);

            ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
            var untilMidnight = TimeSpan.FromDays(1) - TestClock.Instance.GetUtcNow().TimeOfDay;
            var retryAfter = TimeSpan.FromSeconds(int.Parse(refused.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(retryAfter, untilMidnight - TimeSpan.FromMinutes(1), untilMidnight + TimeSpan.FromMinutes(1));
            // The registration's mail and five resends; the refused one sends none.
            for (var i = 0; i < 100 && TestMailbox.Instance.Count(user.Email, "Confirm your email address") < 6; i++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(300);
            Assert.Equal(6, TestMailbox.Instance.Count(user.Email, "Confirm your email address"));
        }
        finally
        {
            while (moves.Count > 0)
            {
                moves.Pop().Dispose();
            }
        }
    }

    [Fact]
    public async Task ResendVerification_Verified_Accepted()
    {
        var user = await Api.NewUserAsync();

        var resend = await Api.PostAsync("/api/v1/auth/resend-verification", null, user.Token);

        Assert.Equal(HttpStatusCode.Accepted, resend.Status);
    }
}
