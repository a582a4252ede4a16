using System.Globalization;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Tests.OpenApi;

/// <summary>The live document against the code: every operation described, errors as problems, rules as enforced.</summary>
[Collection(SharedApi.Name)]
public sealed class OpenApiDocumentTests(ApiFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private JsonNode _document = null!;

    public async Task InitializeAsync() => _document = (await fixture.Client.GetAsync("/openapi/v1.json")).Json;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Documents_UploadIsMultipartAndContentIsBinary()
    {
        var paths = _document["paths"]!;
        var upload = Resolve(paths["/api/v1/loans/{loan_id}/documents"]?["post"]?["requestBody"]?["content"]?["multipart/form-data"]?["schema"]);
        var content = paths["/api/v1/loans/{loan_id}/documents/{document_id}/content"]?["get"]?["responses"]?["200"]?["content"];

        Assert.True(Resolve(upload?["properties"]?["file"])?["format"]?.GetValue<string>() == "binary", $"upload: {upload?.ToJsonString()}");
        Assert.DoesNotContain("kind", upload!["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        Assert.Contains("kind", upload!["properties"]!.AsObject().Select(p => p.Key));
        Assert.All(["application/pdf", "image/png", "image/jpeg"], type =>
            Assert.True(Resolve(content?[type]?["schema"])?["format"]?.GetValue<string>() == "binary", $"content: {content?.ToJsonString()}"));
    }

    private JsonNode? Resolve(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? _document["components"]!["schemas"]![reference[(reference.LastIndexOf('/') + 1)..]]
            : schema;

    [Fact]
    public void EveryOperation_HasIdSummaryDescriptionAndExample()
    {
        var operations = Operations().ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Operation["operationId"]?.GetValue<string>()), $"{o.Name} lacks operationId");
            Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{o.Name} lacks a summary");
            Assert.False(string.IsNullOrWhiteSpace(o.Operation["description"]?.GetValue<string>()), $"{o.Name} lacks a description");
            var requestExample = o.Operation["requestBody"]?["content"]?["application/json"]?["example"];
            var responseExample = o.Operation["responses"]!.AsObject()
                .Where(r => r.Key.StartsWith('2'))
                .Select(r => r.Value?["content"]?["application/json"]?["example"] ?? r.Value?["content"]?["text/event-stream"]?["example"])
                .FirstOrDefault(e => e is not null);
            // A download's body is the file itself, and a deletion has none: nothing to show as JSON.
            var successes = o.Operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
            var binaryOrEmpty = successes.All(r => r.Key == "204"
                || (r.Value?["content"] is System.Text.Json.Nodes.JsonObject types && types.Count > 0 && types.All(t => !t.Key.Contains("json", StringComparison.Ordinal))));
            Assert.True(requestExample is not null || responseExample is not null || binaryOrEmpty, $"{o.Name} has no example: {o.Operation["responses"]!.ToJsonString()}");
        });
        Assert.Equal(operations.Count, operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public void EveryApiOperation_DocumentsItsErrorsAsProblems()
    {
        foreach (var (name, operation) in Operations().Where(o => o.Name.Contains(" /api/", StringComparison.Ordinal)))
        {
            var errors = operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').ToList();

            Assert.Contains(errors, r => r.Key[0] == '4');
            Assert.Contains(errors, r => r.Key == "500");
            Assert.All(errors, r => Assert.True(r.Value?["content"]?["application/problem+json"]?["schema"] is not null,
                $"{name} {r.Key} is not application/problem+json"));
        }
    }

    [Fact]
    public void Problems_CarryTheirStableCode()
    {
        var problem = Schema("ProblemDetails");

        Assert.Contains("code", Names(problem["required"]));
        Assert.NotNull(problem["properties"]!["request_id"]);
        Assert.Contains("code", Names(Schema("HttpValidationProblemDetails")["required"]));
    }

    [Theory]
    [InlineData("CreateLoanRequest", "amount,interest_rate,term_months,purpose")]
    [InlineData("UpdateLoanRequest", "")]
    [InlineData("LenderInviteRequest", "email,amount")]
    [InlineData("AddLendersRequest", "lenders")]
    [InlineData("AcceptInvitationRequest", "ach,terms_version")]
    [InlineData("AchRequest", "account_holder,routing_number,account_number,account_type")]
    [InlineData("CancelLoanRequest", "reason")]
    [InlineData("RegisterRequest", "email,password,name")]
    [InlineData("LoginRequest", "email,password")]
    public void RequestSchemas_RequireOnlyWhatIsRequired_AndNothingIsNullable(string schema, string required)
    {
        var node = Schema(schema);

        Assert.Equal(required.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), Names(node["required"]).Order());
        foreach (var (member, value) in node["properties"]!.AsObject())
        {
            Assert.DoesNotContain("null", value!.ToJsonString(), StringComparison.Ordinal);
            Assert.True(value["$ref"] is not null || value["description"] is not null, $"{schema}.{member} lacks a description");
        }
    }

    [Theory]
    [InlineData("LoanResponse", "FundingResponse")]
    [InlineData("InvitationResponse", "ParticipantResponse")]
    public void ResponsesThatExtendAnother_ListItsMembersFlatAndRequireWhatItRequires(string schema, string extended)
    {
        var node = Schema(schema);
        var baseNode = Schema(extended);

        var members = node["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Subset(members, baseNode["properties"]!.AsObject().Select(p => p.Key).ToHashSet());
        Assert.Subset(Names(node["required"]).ToHashSet(), Names(baseNode["required"]).ToHashSet());
        Assert.Contains("total_funded", Names(Schema("LoanResponse")["required"]));
    }

    [Theory]
    [InlineData("CreateLoanRequest")]
    [InlineData("UpdateLoanRequest")]
    public void LoanTerms_CarryTheEnforcedBounds(string schema)
    {
        var properties = Schema(schema)["properties"]!;

        AssertDecimal(properties["amount"]!, LoanLimits.Amount);
        AssertDecimal(properties["interest_rate"]!, LoanLimits.InterestRate);
        Assert.Equal(LoanLimits.TermMonths.Minimum, properties["term_months"]!["minimum"]!.GetValue<int>());
        Assert.Equal(LoanLimits.TermMonths.Maximum, properties["term_months"]!["maximum"]!.GetValue<int>());
        AssertText(properties["purpose"]!, LoanLimits.Purpose);
    }

    [Fact]
    public void LendersAndAccounts_CarryTheEnforcedBounds()
    {
        var invite = Schema("LenderInviteRequest")["properties"]!;
        var ach = Schema("AchRequest")["properties"]!;
        var register = Schema("RegisterRequest")["properties"]!;

        Assert.Equal(0, Schema("CreateLoanRequest")["properties"]!["lenders"]!["minItems"]!.GetValue<int>());
        Assert.Equal(LoanLimits.MaxLendersPerRequest, Schema("CreateLoanRequest")["properties"]!["lenders"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(1, Schema("AddLendersRequest")["properties"]!["lenders"]!["minItems"]!.GetValue<int>());
        Assert.Equal(LoanLimits.MaxLendersPerRequest, Schema("AddLendersRequest")["properties"]!["lenders"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(1, Schema("AddLendersBatchRequest")["properties"]!["lenders"]!["minItems"]!.GetValue<int>());
        Assert.Equal(LoanLimits.MaxLendersPerRequest, Schema("AddLendersBatchRequest")["properties"]!["lenders"]!["maxItems"]!.GetValue<int>());
        AssertEmail(invite["email"]!);
        AssertDecimal(invite["amount"]!, LoanLimits.Contribution);
        AssertText(Schema("CancelLoanRequest")["properties"]!["reason"]!, LoanLimits.CancelReason);
        AssertText(ach["account_holder"]!, AchLimits.AccountHolder);
        Assert.Equal(AchLimits.RoutingNumberPattern, ach["routing_number"]!["pattern"]!.GetValue<string>());
        Assert.Equal(AchLimits.AccountNumberPattern, ach["account_number"]!["pattern"]!.GetValue<string>());
        Assert.Equal(AchLimits.AccountTypes, Names(ach["account_type"]!["enum"]));
        AssertEmail(register["email"]!);
        AssertText(register["name"]!, UserLimits.Name);
        Assert.Equal(UserLimits.MinPasswordLength, register["password"]!["minLength"]!.GetValue<int>());
        Assert.Equal(UserLimits.MaxPasswordLength, register["password"]!["maxLength"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/v1/me/loans")]
    [InlineData("/api/v1/me/invitations")]
    [InlineData("/api/v1/me/portfolio")]
    public void Listings_DocumentTheEnforcedPageLimit(string path)
    {
        var limit = Parameter(path, "limit");

        Assert.Equal(PagingLimits.Limit.Minimum, limit["minimum"]!.GetValue<int>());
        Assert.Equal(PagingLimits.Limit.Maximum, limit["maximum"]!.GetValue<int>());
        Assert.Equal(PagingLimits.DefaultLimit, limit["default"]!.GetValue<int>());
    }

    [Fact]
    public void InvitationStatusFilter_ListsItsValues()
    {
        var status = Parameter("/api/v1/me/invitations", "status");

        Assert.Equal(["pending", "accepted", "declined"], Names(status["enum"]));
        Assert.Equal("pending", status["default"]!.GetValue<string>());
    }

    [Fact]
    public void Money_IsAnExactDecimalNeverADouble()
    {
        var text = _document.ToJsonString();
        var loan = Schema("LoanResponse")["properties"]!;

        Assert.DoesNotContain("\"double\"", text, StringComparison.Ordinal);
        Assert.Equal("decimal", loan["total_funded"]!["format"]!.GetValue<string>());
        Assert.Equal(0.01m, loan["total_funded"]!["multipleOf"]!.GetValue<decimal>());
        Assert.Equal(LoanLimits.InterestRate.Step, loan["interest_rate"]!["multipleOf"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("/api/v1/loans", "post", "201")]
    [InlineData("/api/v1/loans/{loan_id}", "get", "200")]
    [InlineData("/api/v1/loans/{loan_id}", "patch", "200")]
    public void LoanAnswers_DocumentTheirETag(string path, string method, string status) =>
        Assert.NotNull(_document["paths"]![path]![method]!["responses"]![status]!["headers"]?["ETag"]);

    [Fact]
    public void Document_NamesNoOutsideDocument() =>
        Assert.DoesNotContain("DESIGN", _document.ToJsonString(), StringComparison.Ordinal);

    private static void AssertDecimal(JsonNode member, DecimalRule rule)
    {
        Assert.Equal("decimal", member["format"]!.GetValue<string>());
        Assert.Equal(rule.Step, member["multipleOf"]!.GetValue<decimal>());
        Assert.Equal(rule.Maximum, member["maximum"]!.GetValue<decimal>());
        var minimum = member[rule.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"]!.GetValue<decimal>();
        Assert.Equal(rule.Minimum, minimum);
    }

    private static void AssertText(JsonNode member, TextRule rule)
    {
        Assert.Equal(rule.MinLength, member["minLength"]!.GetValue<int>());
        Assert.Equal(rule.MaxLength, member["maxLength"]!.GetValue<int>());
        Assert.Equal(DisplayText.Pattern, member["pattern"]!.GetValue<string>());
    }

    private static void AssertEmail(JsonNode member)
    {
        Assert.Equal("email", member["format"]!.GetValue<string>());
        Assert.Equal(EmailAddress.MaxLength, member["maxLength"]!.GetValue<int>());
    }

    private static List<string> Names(JsonNode? array) => array is null ? [] : [.. array.AsArray().Select(n => n!.GetValue<string>())];

    private JsonNode Schema(string name) =>
        _document["components"]!["schemas"]![name] ?? throw new InvalidOperationException($"No schema {name}.");

    private JsonNode Parameter(string path, string name) =>
        _document["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;

    private IEnumerable<(string Name, JsonNode Operation)> Operations() =>
        from path in _document["paths"]!.AsObject()
        from method in Methods
        let operation = path.Value![method]
        where operation is not null
        select ($"{method.ToUpper(CultureInfo.InvariantCulture)} {path.Key}", operation);
}
