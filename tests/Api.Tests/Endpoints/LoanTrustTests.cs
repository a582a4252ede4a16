using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// Acceptance bound to the terms the lender read (terms_version), invite answers that reveal no accounts, and
/// co-lenders' addresses masked and account ids hidden for lenders while the borrower sees them in full.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class LoanTrustTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Accept_TermsChangedAfterTheLenderReadThem_412TermsChangedThenAcceptsTheNewVersion()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lee");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 500m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var invitation = (await Api.GetAsync("/api/v1/me/invitations", lender.Token)).Json["data"]![0]!;
        var seen = invitation["terms_version"]!.GetValue<long>();

        // The lender read 7.5 % over 36 months; the borrower makes it 0 % over 480 before the acceptance arrives.
        var patched = await Api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{loanId}", borrower.Token,
            new JsonObject { ["interest_rate"] = 0, ["term_months"] = 480 }, new Dictionary<string, string> { ["If-Match"] = $"\"{loan["version"]}\"" });
        var path = $"/api/v1/loans/{loanId}/participants/{invitation["participant_id"]}/accept";
        var stale = await Api.PostAsync(path, TestApi.AchBody(termsVersion: seen), lender.Token);

        Assert.Equal(1, seen);
        Assert.Equal(2, patched.Json["terms_version"]!.GetValue<long>());
        ProblemAssert.IsProblem(stale, HttpStatusCode.PreconditionFailed, "TERMS_CHANGED");
        var after = await Api.GetAsync($"/api/v1/loans/{loanId}", lender.Token);
        Assert.Equal("PENDING", after.Json["participants"]![0]!["status"]!.GetValue<string>());
        var reread = (await Api.GetAsync("/api/v1/me/invitations", lender.Token)).Json["data"]![0]!;
        Assert.Equal((0m, 480, 2L), (reread["interest_rate"]!.GetValue<decimal>(), reread["term_months"]!.GetValue<int>(), reread["terms_version"]!.GetValue<long>()));
        var current = await Api.PostAsync(path, TestApi.AchBody(termsVersion: 2), lender.Token);
        Assert.Equal(HttpStatusCode.OK, current.Status);
    }

    [Fact]
    public async Task Accept_WithoutTermsVersion_428AndNothingAccepted()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lee");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 500m));

        var response = await Api.PostAsync(
            $"/api/v1/loans/{loan["loan_id"]}/participants/{loan["participants"]![0]!["participant_id"]}/accept",
            TestApi.AchBody(termsVersion: null), lender.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.PreconditionRequired, "PRECONDITION_REQUIRED");
        var after = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token);
        Assert.Equal("PENDING", after.Json["participants"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TermsVersion_OtherLendersAnswers_DoNotMoveIt()
    {
        var borrower = await Api.NewUserAsync();
        var (ann, bob) = (await Api.NewUserAsync("Ann"), await Api.NewUserAsync("Bob"));
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (ann.Email, 300m), (bob.Email, 300m));
        var loanId = loan["loan_id"]!.GetValue<string>();

        var first = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{loan["participants"]![0]!["participant_id"]}/accept", TestApi.AchBody(), ann.Token);
        var second = await Api.PostAsync($"/api/v1/loans/{loanId}/participants/{loan["participants"]![1]!["participant_id"]}/accept", TestApi.AchBody(), bob.Token);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var after = await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        Assert.Equal(1, after.Json["terms_version"]!.GetValue<long>());
        Assert.True(after.Json["version"]!.GetValue<long>() > loan["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Invite_AddressWithAnAccount_AnswersCarryNoAccountIdOrName()
    {
        var borrower = await Api.NewUserAsync();
        var known = await Api.NewUserAsync("Known Person");
        var alsoKnown = await Api.NewUserAsync("Also Known");
        var batchKnown = await Api.NewUserAsync("Batch Known");

        var created = await Api.CreateLoanAsync(borrower, 1000m, (known.Email, 10m));
        var loanId = created["loan_id"]!.GetValue<string>();
        var added = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders",
            new JsonObject { ["lenders"] = TestApi.Lenders((alsoKnown.Email, 10m)) }, borrower.Token);
        var batch = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders/batch",
            new JsonObject { ["lenders"] = TestApi.Lenders((batchKnown.Email, 10m)) }, borrower.Token);

        foreach (var participant in new[] { created["participants"]![0]!, added.Json["added"]![0]!, batch.Json["results"]![0]!["participant"]! })
        {
            Assert.Null(participant["lender_id"]?.GetValue<string>());
            Assert.Null(participant["lender_name"]?.GetValue<string>());
        }

        foreach (var body in new[] { created.ToJsonString(), added.Body, batch.Body })
        {
            Assert.DoesNotContain(known.UserId.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(alsoKnown.UserId.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(batchKnown.UserId.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Known", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetLoanAndHistory_Lender_SeesCoLendersMaskedAndOwnInFull_BorrowerSeesAll()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lee");
        var coLender = TestApi.UniqueEmail("jane");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 100m), (coLender, 100m));
        var loanId = loan["loan_id"]!.GetValue<string>();

        var asLender = await Api.GetAsync($"/api/v1/loans/{loanId}", lender.Token);
        var asBorrower = await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token);
        var history = await Api.GetAsync($"/api/v1/loans/{loanId}/history", lender.Token);

        var masked = "j***@example.com";
        Assert.Equal([lender.Email, masked], asLender.Json["participants"]!.AsArray().Select(p => p!["lender_email"]!.GetValue<string>()));
        Assert.Equal([lender.Email, coLender], asBorrower.Json["participants"]!.AsArray().Select(p => p!["lender_email"]!.GetValue<string>()));
        Assert.DoesNotContain(coLender, asLender.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(coLender, history.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(masked, history.Body, StringComparison.Ordinal);
        Assert.Contains(lender.Email, history.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLoanAndHistory_Lender_SeesNoCoLendersAccountIdBorrowerSeesIt()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lee");
        var coLender = await Api.NewUserAsync("Cora");
        var created = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 100m), (coLender.Email, 100m));
        var path = $"/api/v1/loans/{created["loan_id"]}";
        // Both addresses have accounts: the loan links them shortly after creation.
        var loan = await Api.LinkedLoanAsync(borrower, created);

        var coLenderParticipant = loan["participants"]![1]!["participant_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"{path}/participants/{coLenderParticipant}/accept", TestApi.AchBody("Cora"), coLender.Token)).Status);

        var asLender = await Api.GetAsync(path, lender.Token);
        var history = await Api.GetAsync($"{path}/history", lender.Token);
        var asBorrower = await Api.GetAsync(path, borrower.Token);
        var borrowersHistory = await Api.GetAsync($"{path}/history", borrower.Token);

        Assert.Equal([lender.UserId.ToString(), null],
            asLender.Json["participants"]!.AsArray().Select(p => p!["lender_id"]?.GetValue<string>()));
        Assert.DoesNotContain(coLender.UserId.ToString(), asLender.Body, StringComparison.OrdinalIgnoreCase);
        // Neither as the co-lender's link nor as the actor of their acceptance.
        Assert.DoesNotContain(coLender.UserId.ToString(), history.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(lender.UserId.ToString(), history.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(borrower.UserId.ToString(), history.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([lender.UserId.ToString(), coLender.UserId.ToString()],
            asBorrower.Json["participants"]!.AsArray().Select(p => p!["lender_id"]?.GetValue<string>()));
        Assert.Contains(coLender.UserId.ToString(), borrowersHistory.Body, StringComparison.OrdinalIgnoreCase);
    }
}
