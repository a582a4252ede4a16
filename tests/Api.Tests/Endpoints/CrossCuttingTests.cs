using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class CrossCuttingTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task RequestId_SaneClientValue_IsNotTakenAsOurs()
    {
        var ok = await Api.SendAsync(HttpMethod.Get, "/health/live", headers: new Dictionary<string, string> { ["X-Request-Id"] = "client-abc-123" });
        var error = await Api.SendAsync(HttpMethod.Get, "/api/v1/me", headers: new Dictionary<string, string> { ["X-Request-Id"] = "client-err-456" });

        Assert.Matches("^[0-9a-f]{32}$", ok.Header("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{32}$", error.Header("X-Request-Id"));
        Assert.Equal(error.Header("X-Request-Id"), error.Json["request_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces and <tags>")]
    public async Task RequestId_MissingOrInsane_IsReplacedByANewOne(string? sent)
    {
        var headers = sent is null ? null : new Dictionary<string, string> { ["X-Request-Id"] = sent };

        var response = await Api.SendAsync(HttpMethod.Get, "/health/live", headers: headers);

        var id = response.Header("X-Request-Id");
        Assert.False(string.IsNullOrEmpty(id));
        Assert.NotEqual(sent, id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        ProblemAssert.IsProblem(await Api.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        var response = await Api.SendAsync(HttpMethod.Put, "/api/v1/auth/login", body: new JsonObject());

        ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Post_NotJsonContentType_Returns415Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent("email=a@b.com", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        ProblemAssert.IsProblem(await Api.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Error_ClientAcceptsOnlyHtml_StillGetsProblemJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Accept.ParseAdd("text/html");

        ProblemAssert.IsProblem(await Api.SendAsync(request), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task MalformedJson_OnEveryJsonPost_Returns400NotServerError()
    {
        var user = await Api.NewUserAsync();
        var loanId = Guid.NewGuid();
        foreach (var path in new[] { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/password",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/api/v1/auth/verify-email", "/api/v1/loans", $"/api/v1/loans/{loanId}/lenders", $"/api/v1/loans/{loanId}/participants/{Guid.NewGuid()}/accept" })
        {
            var response = await Api.PostAsync(path, "{\"broken\": ", user.Token);
            ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        }
    }

    [Fact]
    public async Task Json_IsSnakeCaseWithUppercaseEnumsAndNumericMoney()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower, 1234.56m, (TestApi.UniqueEmail(), 34.56m));

        var body = (await Api.GetAsync($"/api/v1/loans/{loan["loan_id"]}", borrower.Token)).Body;

        Assert.Contains("\"amount\":1234.56", body, StringComparison.Ordinal);
        Assert.Contains("\"contribution_amount\":34.56", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"PENDING\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("interestRate", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeResponse_WithAcceptEncodingGzip_IsCompressed()
    {
        var borrower = await Api.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await Api.CreateLoanAsync(borrower);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/loans");
        request.Headers.Authorization = new("Bearer", borrower.Token);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await Api.Http.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var json = JsonNode.Parse(gzip)!;
        Assert.Equal(5, json["count"]!.GetValue<int>());
        Assert.True(json.ToJsonString().Length > 1024);
    }

    [Fact]
    public async Task MyLoans_WithoutAcceptEncoding_IsJsonWithItsLength()
    {
        var borrower = await Api.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await Api.CreateLoanAsync(borrower);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/loans?limit=4");
        request.Headers.Authorization = new("Bearer", borrower.Token);
        using var response = await Api.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(4, json["count"]!.GetValue<int>());
        Assert.True(json["has_more"]!.GetValue<bool>());
        Assert.NotNull(json["next_token"]);
    }

    [Fact]
    public async Task SmallResponse_WithAcceptEncodingGzip_IsNotCompressed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.NotNull(response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryRouteWithBearerScheme()
    {
        var response = await Api.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var paths = response.Json["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/password",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/api/v1/me", "/api/v1/loans", "/api/v1/loans/{loan_id}",
            "/api/v1/me/loans", "/api/v1/loans/{loan_id}/lenders", "/api/v1/me/invitations",
            "/api/v1/loans/{loan_id}/participants/{participant_id}/accept",
            "/api/v1/loans/{loan_id}/participants/{participant_id}/decline", "/api/v1/me/portfolio",
            "/health/live", "/health/ready",
        })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
        }

        Assert.NotNull(response.Json["components"]!["securitySchemes"]!["Bearer"]);
        Assert.NotNull(paths["/api/v1/loans"]!["post"]!["security"]);
        Assert.Null(paths["/api/v1/auth/login"]!["post"]!["security"]);
        Assert.NotNull(paths["/api/v1/loans/{loan_id}"]!["patch"]!["responses"]!["412"]);
        Assert.NotNull(response.Json["components"]!["schemas"]!["LoanResponse"]!["properties"]!["interest_rate"]);
        // my-loans is written by hand but documented as the page of LoanResponse it is.
        Assert.Equal("#/components/schemas/PageResponseOfLoanResponse",
            paths["/api/v1/me/loans"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(response.Json["components"]!["schemas"]!["LoanStatus"]!["enum"]);
        var ifMatch = paths["/api/v1/loans/{loan_id}"]!["patch"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "If-Match")!;
        Assert.True(ifMatch["required"]!.GetValue<bool>());
        Assert.Contains(paths["/api/v1/loans"]!["post"]!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
    }

    [Fact]
    public async Task DocsUi_IsServed()
    {
        var response = await Api.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/html", response.MediaType);
    }

    [Fact]
    public async Task Health_LiveAndReady_Return200()
    {
        var live = await Api.GetAsync("/health/live");
        var ready = await Api.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("live", live.Json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("ready", ready.Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cors_NoOriginsConfigured_GrantsNothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/me");
        request.Headers.Add("Origin", "https://evil.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await Api.SendAsync(request);

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Endpoints_UnderApiV1_RequireAuthorizationExceptSignInAndRecovery()
    {
        var sources = fixture.Api.Services.GetRequiredService<EndpointDataSource>();
        var open = sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal);

        // Verifying an address needs the registrant's session (it was anonymous, so anybody's click verified it).
        Assert.Equal(
            ["/api/v1/auth/login", "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/api/v1/auth/refresh",
                "/api/v1/auth/register"],
            open);
    }

    [Fact]
    public void RequestLogging_UsesTheHostsSerilogLogger() =>
        // Otherwise Serilog's request logging derives a logger from the static one on every request.
        Assert.NotNull(fixture.Api.Services.GetService<Serilog.ILogger>());

    [Fact]
    public void HostedServices_ClientConnectsBeforeDataProtectionLoadsKeys()
    {
        var order = fixture.Api.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .Select(s => s.GetType().Name).ToList();

        Assert.True(order.IndexOf("ClusterClient") < order.IndexOf("ClusterClientReadiness"), string.Join(", ", order));
        Assert.True(order.IndexOf("ClusterClientReadiness") < order.IndexOf("DataProtectionHostedService"), string.Join(", ", order));
    }

    [Fact]
    public async Task DataProtectionKeys_AreStoredInTheKeyRingGrain()
    {
        var keys = await fixture.Cluster.Client.GetGrain<PrivateLending.Grains.Abstractions.Security.IKeyRingGrain>("privatelending").GetAllAsync();

        var key = Assert.Single(keys);
        Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
    }
}
