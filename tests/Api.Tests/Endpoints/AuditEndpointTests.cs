using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// The audit log end to end: every kind of change made over HTTP shows up with before/after, the caller's IP, user
/// agent and request id; admins only; CSV that a standard reader parses; no secrets in any entry.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AuditEndpointTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string UserAgent = "audit-tests/1.0";
    private readonly string _adminEmail = TestApi.UniqueEmail("admin");
    private ApiHost _host = null!;
    private TestApi _api = null!;

    public async Task InitializeAsync()
    {
        _host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Auth:AdminEmails:0"] = _adminEmail.ToUpperInvariant() });
        _host.Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("audit-tests", "1.0"));
        _api = new TestApi(_host.Http);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Audit_EveryMutationType_EntryWithBeforeAfterIpAndUserAgent()
    {
        var admin = await _api.NewUserAsync("Admin", _adminEmail);
        var borrower = await _api.NewUserAsync("Borrower");
        var lender = await _api.NewUserAsync("Lender");
        var decliner = await _api.NewUserAsync("Decliner");
        var loan = await _api.CreateLoanAsync(borrower, 1000m, (lender.Email, 400m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var path = $"/api/v1/loans/{loanId}";
        var patched = await _api.SendAsync(HttpMethod.Patch, path, borrower.Token, new JsonObject { ["amount"] = 1500 },
            new Dictionary<string, string> { ["If-Match"] = "\"1\"", ["X-Request-Id"] = "audit-test-patch-1" });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var added = await _api.PostAsync($"{path}/lenders", new JsonObject { ["lenders"] = TestApi.Lenders((decliner.Email, 100m)) }, borrower.Token);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        // The lender accepts the changed terms (the PATCH above made them version 2).
        var accepted = await _api.PostAsync($"{path}/participants/{loan["participants"]![0]!["participant_id"]}/accept", TestApi.AchBody(termsVersion: 2), lender.Token);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        var declinedId = added.Json["added"]?[0]?["participant_id"] ?? added.Json["participants"]![0]!["participant_id"];
        var declined = await _api.PostAsync($"{path}/participants/{declinedId}/decline", new JsonObject(), decliner.Token);
        Assert.Equal(HttpStatusCode.OK, declined.Status);
        var cancelled = await _api.SendAsync(HttpMethod.Delete, path, borrower.Token, new JsonObject { ["reason"] = "No longer needed" });
        Assert.True(cancelled.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, cancelled.Body);

        var loanEntries = await EntriesAsync(admin, $"record_type=loan&record_id={loanId}");
        Assert.Equal(["loan.cancelled", "loan.terms_changed", "loan.created"], loanEntries.Select(e => e["action"]!.GetValue<string>()));
        var update = loanEntries[1];
        Assert.Contains(update["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "amount"
            && c["before"]!.GetValue<string>() == "1000" && c["after"]!.GetValue<string>() == "1500");
        // Our id (the one answered in X-Request-Id) is the request id; the client's is kept in its own field.
        Assert.Equal(patched.Header("X-Request-Id"), update["request_id"]!.GetValue<string>());
        Assert.Equal("audit-test-patch-1", update["client_request_id"]!.GetValue<string>());
        Assert.Equal(borrower.UserId.ToString(), update["actor_id"]!.GetValue<string>());
        Assert.All(loanEntries, e =>
        {
            Assert.Equal("127.0.0.1", e["client_ip"]!.GetValue<string>());
            Assert.Equal(UserAgent, e["user_agent"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(e["request_id"]!.GetValue<string>()));
        });

        var acceptedActions = await EntriesAsync(admin, $"record_type=participant&record_id={loan["participants"]![0]!["participant_id"]}");
        Assert.Equal(["participant.accepted", "lender.invited"], acceptedActions.Select(e => e["action"]!.GetValue<string>()));
        Assert.Equal(lender.UserId.ToString(), acceptedActions[0]["actor_id"]!.GetValue<string>());
        var declinedActions = await EntriesAsync(admin, $"record_type=participant&record_id={declinedId}");
        Assert.Equal(["participant.declined", "lender.invited"], declinedActions.Select(e => e["action"]!.GetValue<string>()));

        var lenderEntries = await EntriesAsync(admin, $"record_type=user&record_id={lender.UserId}");
        Assert.Equal(["user.email_verified", "user.registered"], lenderEntries.Select(e => e["action"]!.GetValue<string>()));
        Assert.Contains(lenderEntries[0]["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "email_verified"
            && c["before"]!.GetValue<string>() == "false" && c["after"]!.GetValue<string>() == "true");
        Assert.Equal(UserAgent, lenderEntries[1]["user_agent"]!.GetValue<string>());

        // Secrets never appear: bank numbers, the password, its hash, bearer tokens.
        var everything = (await _api.GetAsync($"/api/v1/audit?actor_id={lender.UserId}&limit=100", admin.Token)).Body
            + (await _api.GetAsync($"/api/v1/audit?record_type=loan&record_id={loanId}&limit=100", admin.Token)).Body;
        var hash = (await fixture.Cluster.GrainFactory.GetGrain<IAccountGrain>(EmailKeys.FromBase64(PrivateLending.TestSupport.TestSecrets.EmailKeySecret).For(lender.Email)).GetCredentialsAsync())!.PasswordHash;
        foreach (var secret in new[] { TestApi.SecretAccount, TestApi.ValidRouting, TestApi.Password, hash, lender.Token, borrower.Token })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("record_type=invoice", "record_type")]
    [InlineData("record_id=123", "record_id")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("actor_id=not-a-uuid", "actor_id")]
    [InlineData("from=yesterday", "from")]
    public async Task Audit_InvalidFilter_400NamingTheField(string query, string field)
    {
        var admin = await _api.NewUserAsync("Admin", _adminEmail);

        var response = await _api.GetAsync($"/api/v1/audit?{query}", admin.Token);

        ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.NotNull(response.Json["errors"]![field]);
    }

    [Fact]
    public async Task Audit_NonAdmin_Returns403Problem()
    {
        var user = await _api.NewUserAsync();

        var response = await _api.GetAsync("/api/v1/audit", user.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("FORBIDDEN", response.Json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_AcceptCsv_ParsesWithStandardReaderSameEntries()
    {
        var admin = await _api.NewUserAsync("Admin", _adminEmail);
        var borrower = await _api.NewUserAsync();
        var loan = await _api.CreateLoanAsync(borrower, 1000m);
        var loanId = loan["loan_id"]!.GetValue<string>();
        // Quotes and separators a CSV cell must escape (display text may not hold line breaks).
        await _api.SendAsync(HttpMethod.Patch, $"/api/v1/loans/{loanId}", borrower.Token,
            new JsonObject { ["purpose"] = "Roof, \"urgent\"; and gutters" }, new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        var filter = $"record_type=loan&record_id={loanId}";
        var json = await EntriesAsync(admin, filter);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit?{filter}&limit=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("text/csv", csv.MediaType);
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv.Body), new CsvReaderOptions());
        reader.ReadHeader();
        var rows = new List<(string Id, string Action, string Changes, string Agent)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString("id"), reader.GetString("action"), reader.GetString("changes"), reader.GetString("user_agent")));
        }

        // limit=1 is the page size; the export still holds every matching entry.
        Assert.Equal(json.Select(e => e["id"]!.GetValue<string>()), rows.Select(r => r.Id));
        Assert.Equal(["loan.terms_changed", "loan.created"], rows.Select(r => r.Action));
        var changes = JsonNode.Parse(rows[0].Changes)!.AsArray();
        Assert.Equal("Roof, \"urgent\"; and gutters", changes.Single(c => c!["field"]!.GetValue<string>() == "purpose")!["after"]!.GetValue<string>());
        Assert.Equal(UserAgent, rows[0].Agent);
    }

    [Fact]
    public async Task Audit_CsvWithFormulaInUserAgent_CellStartsWithApostrophe()
    {
        const string Formula = "=HYPERLINK(\"http://attacker.example/x\",\"open\")";
        var admin = await _api.NewUserAsync("Admin", _adminEmail);
        using var attackerHttp = new HttpClient { BaseAddress = _host.BaseAddress };
        Assert.True(attackerHttp.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Formula));
        // Registering is anonymous: anyone can put their User-Agent into the log this way.
        var attacker = await new TestApi(attackerHttp).NewUserAsync("Attacker");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit?record_type=user&record_id={attacker.UserId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, csv.Status);
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv.Body), new CsvReaderOptions());
        reader.ReadHeader();
        var agents = new List<string>();
        while (reader.Read())
        {
            agents.Add(reader.GetString("user_agent"));
        }

        Assert.Contains("'" + Formula, agents);
        Assert.DoesNotContain(agents, a => a.StartsWith('='));
    }

    private async Task<List<JsonNode>> EntriesAsync(TestUser admin, string filter)
    {
        var response = await _api.GetAsync($"/api/v1/audit?{filter}", admin.Token);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. response.Json["data"]!.AsArray().Select(e => e!)];
    }
}
