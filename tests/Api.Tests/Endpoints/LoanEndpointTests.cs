using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class LoanEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task CreateLoan_ValidBody_Returns201WithLocationAndDesignShape()
    {
        var borrower = await Api.NewUserAsync("Borrower Bea");

        var response = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(2500.50m), borrower.Token);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var loan = response.Json;
        var loanId = loan["loan_id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/loans/{loanId}", response.Headers.Location?.OriginalString);
        Assert.Equal(borrower.UserId.ToString(), loan["borrower_id"]!.GetValue<string>());
        Assert.Equal("Borrower Bea", loan["borrower_name"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, loan["amount"]!.GetValueKind());
        Assert.Equal(2500.50m, loan["amount"]!.GetValue<decimal>());
        Assert.Equal(7.5m, loan["interest_rate"]!.GetValue<decimal>());
        Assert.Equal(36, loan["term_months"]!.GetValue<int>());
        Assert.Equal("PENDING", loan["status"]!.GetValue<string>());
        Assert.Equal($"\"{loan["version"]!.GetValue<long>()}\"", response.Header("ETag"));
        Assert.Empty(loan["participants"]!.AsArray());
        foreach (var field in new[]
        {
            "total_invited", "total_funded", "funding_percentage", "participant_count", "accepted_participant_count",
            "pending_participant_count", "is_fully_funded", "average_contribution", "largest_contribution",
            "smallest_contribution", "last_funding_update", "created_at", "created_by", "updated_at", "updated_by",
            "deleted_at", "deleted_by", "deletion_reason",
        })
        {
            Assert.True(loan.AsObject().ContainsKey(field), $"loan lacks {field}");
        }

        Assert.Equal(borrower.UserId.ToString(), loan["created_by"]!.GetValue<string>());
        Assert.False(loan["is_fully_funded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateLoan_WithLenders_InvitesThemPending()
    {
        var borrower = await Api.NewUserAsync();
        var lenderEmail = TestApi.UniqueEmail("lender");

        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lenderEmail, 400m));

        var participant = Assert.Single(loan["participants"]!.AsArray())!;
        Assert.Equal("PENDING", participant["status"]!.GetValue<string>());
        Assert.Equal(400m, participant["contribution_amount"]!.GetValue<decimal>());
        Assert.Null(participant["lender_id"]);
        Assert.Null(participant["ach"]);
        Assert.True(Guid.TryParse(participant["participant_id"]!.GetValue<string>(), out _));
        Assert.Equal(400m, loan["total_invited"]!.GetValue<decimal>());
        Assert.Equal(1, loan["pending_participant_count"]!.GetValue<int>());
    }

    public static TheoryData<string, JsonNode?, string> InvalidLoanFields => new()
    {
        { "amount", 0, "amount" },
        { "amount", -5, "amount" },
        { "amount", 10_000_000.01m, "amount" },
        { "amount", 10.123m, "amount" },
        { "amount", null, "amount" },
        { "interest_rate", -0.5m, "interest_rate" },
        { "interest_rate", 100.01m, "interest_rate" },
        { "interest_rate", 5.12345m, "interest_rate" },
        { "interest_rate", null, "interest_rate" },
        { "term_months", 0, "term_months" },
        { "term_months", 481, "term_months" },
        { "term_months", null, "term_months" },
        { "purpose", "", "purpose" },
        { "purpose", new string('p', 501), "purpose" },
        { "purpose", null, "purpose" },
        { "lenders", new JsonArray(new JsonObject { ["email"] = "nope", ["amount"] = 10 }), "lenders[0].email" },
        { "lenders", new JsonArray(new JsonObject { ["email"] = "ok@example.com", ["amount"] = 0 }), "lenders[0].amount" },
    };

    [Theory]
    [MemberData(nameof(InvalidLoanFields))]
    public async Task CreateLoan_FieldBreaksRule_Returns400WithFieldError(string member, JsonNode? value, string errorField)
    {
        var borrower = await Api.NewUserAsync();
        var body = TestApi.LoanBody();
        body[member] = value?.DeepClone();

        var response = await Api.PostAsync("/api/v1/loans", body, borrower.Token);

        ProblemAssert.HasFieldError(response, errorField);
    }

    [Fact]
    public async Task CreateLoan_InvitingThemselves_Returns400()
    {
        var borrower = await Api.NewUserAsync();

        var response = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody(1000m, (borrower.Email.ToUpperInvariant(), 100m)), borrower.Token);

        ProblemAssert.HasFieldError(response, "lenders[0].email");
    }

    [Fact]
    public async Task CreateLoan_LendersAboveAmount_Returns409OverFunding()
    {
        var borrower = await Api.NewUserAsync();

        var response = await Api.PostAsync("/api/v1/loans",
            TestApi.LoanBody(1000m, (TestApi.UniqueEmail(), 600m), (TestApi.UniqueEmail(), 500m)), borrower.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "OVER_FUNDING");
    }

    [Theory]
    [InlineData("{\"amount\": 100, \"interest_rate\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    public async Task CreateLoan_MalformedJson_Returns400NotServerError(string body)
    {
        var borrower = await Api.NewUserAsync();

        var response = await Api.PostAsync("/api/v1/loans", body, borrower.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task CreateLoan_WrongTypes_Returns400NamingTheField()
    {
        var borrower = await Api.NewUserAsync();

        var stringAmount = await Api.PostAsync("/api/v1/loans",
            "{\"amount\": \"lots\", \"interest_rate\": 5, \"term_months\": 12, \"purpose\": \"x\"}", borrower.Token);
        var numberAsString = await Api.PostAsync("/api/v1/loans",
            "{\"amount\": 100, \"interest_rate\": 5, \"term_months\": \"12\", \"purpose\": \"x\"}", borrower.Token);

        ProblemAssert.HasFieldError(stringAmount, "amount");
        ProblemAssert.HasFieldError(numberAsString, "term_months");
    }

    [Fact]
    public async Task CreateLoan_WithoutToken_Returns401()
    {
        var response = await Api.PostAsync("/api/v1/loans", TestApi.LoanBody());

        ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task GetLoan_Borrower_Returns200WithETag()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(loan["loan_id"]!.GetValue<string>(), response.Json["loan_id"]!.GetValue<string>());
        Assert.Equal("\"1\"", response.Header("ETag"));
    }

    [Fact]
    public async Task GetLoan_AnotherUsersLoan_Returns404()
    {
        var borrower = await Api.NewUserAsync();
        var stranger = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", stranger.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("not-a-guid")]
    public async Task GetLoan_UnknownId_Returns404(string id)
    {
        var user = await Api.NewUserAsync();

        var response = await Api.GetAsync($"/api/v1/loans/{id}", user.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task GetLoan_WithFields_ReturnsOnlyThoseMembers()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 750m);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}?fields=loan_id, amount,status", borrower.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var members = response.Json.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(["amount", "loan_id", "status"], members);
        Assert.Equal(750m, response.Json["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task GetLoan_WithUnknownField_Returns400()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);

        var response = await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}?fields=amount,secret_sauce", borrower.Token);

        ProblemAssert.HasFieldError(response, "fields");
        Assert.Contains("secret_sauce", response.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
