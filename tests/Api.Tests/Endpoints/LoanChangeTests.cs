using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class LoanChangeTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task UpdateLoan_WithCurrentVersion_Returns200AndBumpsVersion()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1000m);
        var version = loan["version"]!.GetValue<long>();

        var response = await Patch(loan, borrower, new JsonObject { ["amount"] = 1500m, ["purpose"] = "Bigger kitchen" }, $"\"{version}\"");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(version + 1, response.Json["version"]!.GetValue<long>());
        Assert.Equal(1500m, response.Json["amount"]!.GetValue<decimal>());
        Assert.Equal("Bigger kitchen", response.Json["purpose"]!.GetValue<string>());
        Assert.Equal(7.5m, response.Json["interest_rate"]!.GetValue<decimal>());
        Assert.Equal($"\"{version + 1}\"", response.Header("ETag"));

        // A bare number works too, as the contract writes If-Match: <version>.
        var again = await Patch(loan, borrower, new JsonObject { ["term_months"] = 48 }, (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(version + 2, again.Json["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task UpdateLoan_StaleVersion_Returns412()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);
        var version = loan["version"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await Patch(loan, borrower, new JsonObject { ["term_months"] = 12 }, $"\"{version}\"")).Status);

        var stale = await Patch(loan, borrower, new JsonObject { ["term_months"] = 24 }, $"\"{version}\"");

        ProblemAssert.IsProblem(stale, HttpStatusCode.PreconditionFailed, "PRECONDITION_FAILED");
    }

    [Fact]
    public async Task UpdateLoan_WithoutIfMatch_Returns428()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Patch(loan, borrower, new JsonObject { ["term_months"] = 12 }, ifMatch: null);

        ProblemAssert.IsProblem(response, (HttpStatusCode)428, "PRECONDITION_REQUIRED");
    }

    [Fact]
    public async Task UpdateLoan_BadIfMatchOrEmptyBody_Returns400()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        ProblemAssert.HasFieldError(await Patch(loan, borrower, new JsonObject { ["term_months"] = 12 }, "\"abc\""), "If-Match");
        ProblemAssert.HasFieldError(await Patch(loan, borrower, new JsonObject(), "\"1\""), "body");
        ProblemAssert.HasFieldError(await Patch(loan, borrower, new JsonObject { ["term_months"] = 999 }, "\"1\""), "term_months");
    }

    [Fact]
    public async Task UpdateLoan_AnotherUser_Returns404()
    {
        var borrower = await Api.NewUserAsync();
        var stranger = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Patch(loan, stranger, new JsonObject { ["term_months"] = 12 }, "\"1\"");

        ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task CancelLoan_WithReason_Returns204AndLoanReadsCancelled()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loan["loan_id"]}", borrower.Token, new JsonObject { ["reason"] = "No longer needed" });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("", response.Body);
        var after = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token);
        Assert.Equal("CANCELLED", after.Json["status"]!.GetValue<string>());
        Assert.Equal("No longer needed", after.Json["deletion_reason"]!.GetValue<string>());
        Assert.Equal(borrower.UserId.ToString(), after.Json["deleted_by"]!.GetValue<string>());
        Assert.NotNull(after.Json["deleted_at"]);
    }

    [Fact]
    public async Task CancelLoan_WithoutReason_Returns400()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var noBody = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loan["loan_id"]}", borrower.Token);
        var blank = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loan["loan_id"]}", borrower.Token, new JsonObject { ["reason"] = " " });

        ProblemAssert.HasFieldError(noBody, "reason");
        ProblemAssert.HasFieldError(blank, "reason");
    }

    [Fact]
    public async Task CancelLoan_Twice_Returns409()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);
        var body = new JsonObject { ["reason"] = "Changed my mind" };
        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loan["loan_id"]}", borrower.Token, body)).Status);

        var again = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loan["loan_id"]}", borrower.Token, body.DeepClone());

        ProblemAssert.IsProblem(again, HttpStatusCode.Conflict, "CONFLICT");
    }

    private Task<ApiResponse> Patch(JsonNode loan, TestUser user, JsonObject body, string? ifMatch) =>
        Api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{loan["loan_id"]}", user.Token, body,
            ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });
}
