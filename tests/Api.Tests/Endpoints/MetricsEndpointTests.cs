using System.Net;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class MetricsEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Metrics_AfterRequests_ServesPrometheusTextWithRequestDurations()
    {
        await Api.GetAsync("/api/v1/me");

        var response = await Api.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", response.Body, StringComparison.Ordinal);
        // The route group may render the template with a trailing slash.
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"401\",http_route=\"/api/v1/me/?\"", response.Body);
    }

    [Fact]
    public async Task Metrics_AfterAProblem_CountsItByCodeAndStatus()
    {
        await Api.GetAsync("/api/v1/me");

        var response = await Api.GetAsync("/metrics");

        Assert.Matches("privatelending_api_problems_total\\{[^}]*code=\"UNAUTHORIZED\",http_response_status_code=\"401\"[^}]*\\} [1-9]", response.Body);
    }

    [Fact]
    public async Task OpenApi_Document_DoesNotListTheScrapeEndpoint()
    {
        var document = await Api.GetAsync("/openapi/v1.json");

        Assert.DoesNotContain("\"/metrics\"", document.Body, StringComparison.Ordinal);
    }
}
