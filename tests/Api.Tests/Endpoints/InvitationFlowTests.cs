using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>The "done when" path: invite someone without an account, they register, accept, the loan funds.</summary>
[Collection(SharedApi.Name)]
public sealed class InvitationFlowTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task InvitationFlow_LenderRegistersAfterInvite_AcceptsAndLoanIsFunded()
    {
        var borrower = await Api.NewUserAsync("Borrower Bo");
        var firstEmail = TestApi.UniqueEmail("first");
        var secondEmail = TestApi.UniqueEmail("second");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (firstEmail, 600m), (secondEmail, 400m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var responses = new List<ApiResponse>();

        // Invited before having an account: registering links the invitation at once.
        var first = await Api.NewUserAsync("First Lender", firstEmail);
        var pending = await Api.GetAsync("/api/v1/me/invitations", first.Token);
        responses.Add(pending);
        Assert.Equal(HttpStatusCode.OK, pending.Status);
        var invitation = Assert.Single(pending.Json["data"]!.AsArray())!;
        Assert.Equal(1, pending.Json["count"]!.GetValue<int>());
        Assert.False(pending.Json["has_more"]!.GetValue<bool>());
        Assert.Equal(loanId, invitation["loan_id"]!.GetValue<string>());
        Assert.Equal("Borrower Bo", invitation["borrower_name"]!.GetValue<string>());
        Assert.Equal(1000m, invitation["loan_amount"]!.GetValue<decimal>());
        Assert.Equal(600m, invitation["contribution_amount"]!.GetValue<decimal>());
        Assert.Equal("PENDING", invitation["status"]!.GetValue<string>());
        Assert.Equal("PENDING", invitation["loan_status"]!.GetValue<string>());
        foreach (var member in new[] { "participant_id", "lender_email", "lender_id", "lender_name", "invited_at", "responded_at", "ach", "interest_rate", "term_months", "purpose" })
        {
            Assert.True(invitation.AsObject().ContainsKey(member), $"invitation lacks {member}");
        }

        // A participant may read the loan.
        var asParticipant = await Api.GetAsync($"/api/v1/loans/{loanId}", first.Token);
        Assert.Equal(HttpStatusCode.OK, asParticipant.Status);

        var accepted = await Accept(loanId, invitation["participant_id"]!.GetValue<string>(), first);
        responses.Add(accepted);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("ACCEPTED", accepted.Json["participant"]!["status"]!.GetValue<string>());
        Assert.Equal("PENDING", accepted.Json["loan_status"]!.GetValue<string>());
        Assert.Equal("0123", accepted.Json["participant"]!["ach"]!["account_last4"]!.GetValue<string>());
        Assert.Equal("checking", accepted.Json["participant"]!["ach"]!["account_type"]!.GetValue<string>());
        Assert.Equal("First Lender", accepted.Json["participant"]!["ach"]!["account_holder"]!.GetValue<string>());
        Assert.Equal(600m, accepted.Json["funding"]!["total_funded"]!.GetValue<decimal>());

        var second = await Api.NewUserAsync("Second Lender", secondEmail);
        var secondInvitation = (await Api.GetAsync("/api/v1/me/invitations?status=pending", second.Token)).Json["data"]![0]!;
        var funded = await Accept(loanId, secondInvitation["participant_id"]!.GetValue<string>(), second);
        responses.Add(funded);
        Assert.Equal("FUNDED", funded.Json["loan_status"]!.GetValue<string>());
        Assert.True(funded.Json["funding"]!["is_fully_funded"]!.GetValue<bool>());

        var finalLoan = await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        responses.Add(finalLoan);
        Assert.Equal("FUNDED", finalLoan.Json["status"]!.GetValue<string>());
        Assert.Equal(100m, finalLoan.Json["funding_percentage"]!.GetValue<decimal>());
        Assert.Equal(1000m, finalLoan.Json["total_funded"]!.GetValue<decimal>());
        Assert.All(finalLoan.Json["participants"]!.AsArray(), p =>
        {
            Assert.Equal("ACCEPTED", p!["status"]!.GetValue<string>());
            Assert.Equal("0123", p["ach"]!["account_last4"]!.GetValue<string>());
            Assert.NotNull(p["lender_id"]);
            Assert.NotNull(p["lender_name"]);
        });

        var myLoans = await Api.GetAsync("/api/v1/me/loans", borrower.Token);
        responses.Add(myLoans);
        responses.Add(await Api.GetAsync("/api/v1/me/invitations?status=accepted", first.Token));
        responses.Add(await Api.GetAsync("/api/v1/me/portfolio", first.Token));

        // Terms are frozen once someone accepted.
        var patch = await Api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{loanId}", borrower.Token, new JsonObject { ["term_months"] = 12 },
            new Dictionary<string, string> { ["If-Match"] = finalLoan.Header("ETag")! });
        ProblemAssert.IsProblem(patch, HttpStatusCode.Conflict, "CONFLICT");

        // Full bank details never leave the system, in any response.
        Assert.All(responses, r =>
        {
            Assert.DoesNotContain(TestApi.SecretAccount, r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(TestApi.ValidRouting, r.Body, StringComparison.Ordinal);
        });
    }

    private Task<ApiResponse> Accept(string loanId, string participantId, TestUser lender) =>
        Api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lender.Name), lender.Token);
}
