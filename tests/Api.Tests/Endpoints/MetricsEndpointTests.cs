using System.Net;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary><c>/metrics</c> is served on the management address (<c>Metrics:Url</c>) only, never on the API's port.</summary>
[Collection(SharedApi.Name)]
public sealed class MetricsEndpointTests(ApiFixture fixture) : IAsyncLifetime, IDisposable
{
    private ApiHost _host = null!;
    private TestApi _api = null!;
    private HttpClient _management = null!;

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.FreePort()}";
        _host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Metrics:Url"] = url });
        _api = new TestApi(_host.Http);
        _management = new HttpClient { BaseAddress = new Uri(url) };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _management.Dispose();

    [Fact]
    public async Task Metrics_AfterRequests_ServesPrometheusTextWithRequestDurations()
    {
        await _api.GetAsync("/api/v1/me");

        using var response = await _management.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", body, StringComparison.Ordinal);
        // The route group may render the template with a trailing slash.
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"401\",http_route=\"/api/v1/me/?\"", body);
    }

    [Fact]
    public async Task Metrics_AfterAProblem_CountsItByCodeAndStatus()
    {
        await _api.GetAsync("/api/v1/me");

        var body = await _management.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Matches("privatelending_api_problems_total\\{[^}]*code=\"UNAUTHORIZED\",http_response_status_code=\"401\"[^}]*\\} [1-9]", body);
    }

    [Fact]
    public async Task Metrics_OnThePublicPort_404()
    {
        ProblemAssert.IsProblem(await _api.GetAsync("/metrics"), HttpStatusCode.NotFound, "NOT_FOUND");
        // The shared API has no management address at all: no scrape endpoint anywhere.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/metrics")).Status);
    }

    [Fact]
    public async Task ManagementPort_ApiRoutes_404()
    {
        using var response = await _management.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DoesNotListTheScrapeEndpoint()
    {
        var document = await _api.GetAsync("/openapi/v1.json");

        Assert.DoesNotContain("\"/metrics\"", document.Body, StringComparison.Ordinal);
    }
}
