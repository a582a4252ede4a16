using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task CreateLoan_SameKeySameBody_ReplaysStatusAndBodyOnce()
    {
        var borrower = await Api.NewUserAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(800m), borrower.Token, key);
        // Same content, other formatting and member order: still the same request.
        var second = await Api.PostAsync("/api/v1/loans",
            "{ \"purpose\": \"Kitchen renovation\", \"term_months\": 36, \"interest_rate\": 7.5, \"amount\": 800 }", borrower.Token, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var mine = await Api.GetAsync("/api/v1/me/loans", borrower.Token);
        Assert.Equal(1, mine.Json["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateLoan_SameKeyOtherBody_Returns422()
    {
        var borrower = await Api.NewUserAsync();
        var key = new Dictionary<string, string> { ["X-Idempotency-Key"] = "order-" + Guid.NewGuid() };
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(800m), borrower.Token, key)).Status);

        var reused = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(900m), borrower.Token, key);

        ProblemAssert.IsProblem(reused, HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task CreateLoan_SameKeyOtherUser_CreatesTheirOwnLoan()
    {
        var first = await Api.NewUserAsync();
        var second = await Api.NewUserAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "shared-" + Guid.NewGuid() };

        var a = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(), first.Token, key);
        var b = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(), second.Token, key);

        Assert.Equal(HttpStatusCode.Created, b.Status);
        Assert.Null(b.Header("Idempotent-Replayed"));
        Assert.NotEqual(a.Json["loan_id"]!.GetValue<string>(), b.Json["loan_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_KeyTooLongOrConflictingHeaders_Returns400()
    {
        var borrower = await Api.NewUserAsync();

        var tooLong = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(), borrower.Token,
            new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 256) });
        var conflicting = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(), borrower.Token,
            new Dictionary<string, string> { ["Idempotency-Key"] = "a", ["X-Idempotency-Key"] = "b" });

        ProblemAssert.HasFieldError(tooLong, "Idempotency-Key");
        ProblemAssert.HasFieldError(conflicting, "Idempotency-Key");
    }

    [Fact]
    public async Task AddLendersAndAccept_Retried_ReplayWithHeader()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Retry Lender");
        var loan = await Api.CreateLoanAsync(borrower, 1000m);
        var loanId = loan["loan_id"]!.GetValue<string>();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = new JsonObject { ["lenders"] = TestApi.Lenders((lender.Email, 300m)) };

        var added = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders", body, borrower.Token, key);
        var addedAgain = await Api.PostAsync($"/api/v1/loans/{loanId}/lenders", body.DeepClone(), borrower.Token, key);

        Assert.Equal(HttpStatusCode.Created, addedAgain.Status);
        Assert.Equal("true", addedAgain.Header("Idempotent-Replayed"));
        // The loan grain keeps a receipt, not the whole answer: a replay shows today's account link for the
        // invited email (the lender registered already, so the link may land between the two calls).
        Assert.Equal(WithoutAccountLink(added.Json), WithoutAccountLink(addedAgain.Json));

        var participantId = added.Json["added"]![0]!["participant_id"]!.GetValue<string>();
        var acceptKey = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var path = $"/api/v1/loans/{loanId}/participants/{participantId}/accept";
        var accepted = await Api.PostAsync(path, TestApi.AchBody(), lender.Token, acceptKey);
        var acceptedAgain = await Api.PostAsync(path, TestApi.AchBody(), lender.Token, acceptKey);
        var otherAch = await Api.PostAsync(path, TestApi.AchBody(account: "55554444"), lender.Token, acceptKey);

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.OK, acceptedAgain.Status);
        Assert.Equal("true", acceptedAgain.Header("Idempotent-Replayed"));
        Assert.Equal(accepted.Body, acceptedAgain.Body);
        ProblemAssert.IsProblem(otherAch, HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    private static string WithoutAccountLink(JsonNode node)
    {
        var copy = node.DeepClone();
        foreach (var participant in copy["added"]!.AsArray())
        {
            participant!.AsObject().Remove("lender_id");
            participant.AsObject().Remove("lender_name");
        }

        return copy.ToJsonString();
    }

    [Fact]
    public async Task Register_Retried_ReplaysTheAccount()
    {
        var email = TestApi.UniqueEmail("idem");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = new JsonObject { ["email"] = email, ["password"] = TestApi.Password, ["name"] = "Once" };

        var first = await Api.PostAsync("/api/v1/auth/register", body, headers: key);
        var second = await Api.PostAsync("/api/v1/auth/register", body.DeepClone(), headers: key);
        var withoutKey = await Api.PostAsync("/api/v1/auth/register", body.DeepClone());

        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body, second.Body);
        // Without the key it is a new registration: the unverified account is replaced, with the same answer.
        Assert.Equal(HttpStatusCode.Accepted, withoutKey.Status);
        Assert.Null(withoutKey.Header("Idempotent-Replayed"));
    }
}
