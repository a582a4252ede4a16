using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Logging;

/// <summary>The API executable with <c>Logging:Format=json</c>: what an operator's log store receives.</summary>
[Collection(SharedApi.Name)]
public sealed class JsonRequestLogTests(ApiFixture fixture)
{
    [Fact]
    public async Task RequestLog_JsonFormat_OneParseableLinePerRequestWithRouteStatusIdsAndUserButNoEmail()
    {
        await using var process = await ApiProcess.StartAsync(fixture, new Dictionary<string, string> { ["Logging__Format"] = "json" });
        var api = new TestApi(process.Http);
        var user = await api.NewUnverifiedUserAsync();
        var requestId = "log-test-" + Guid.NewGuid().ToString("N");
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        var me = await api.SendAsync(HttpMethod.Get, "/api/v1/me", user.Token, headers: new Dictionary<string, string>
        {
            ["X-Request-Id"] = requestId,
            ["traceparent"] = $"00-{traceId}-{new string('1', 16)}-01",
        });
        Assert.Equal(HttpStatusCode.OK, me.Status);

        var line = await RequestLineAsync(process, requestId);
        Assert.Equal("GET", line["RequestMethod"]!.GetValue<string>());
        Assert.Matches("^/api/v1/me/?$", line["RouteTemplate"]!.GetValue<string>());
        Assert.Equal(200, line["StatusCode"]!.GetValue<int>());
        // Our own id, answered in X-Request-Id; the client's value is logged beside it, never as ours.
        Assert.Equal(me.Header("X-Request-Id"), line["RequestId"]!.GetValue<string>());
        Assert.NotEqual(requestId, me.Header("X-Request-Id"));
        Assert.True(line["Elapsed"]!.GetValue<double>() >= 0);
        Assert.Equal(traceId, line["@tr"]!.GetValue<string>());
        Assert.Equal(Subject(user.Token), line["UserId"]!.GetValue<string>());
        // Information is the compact format's default level, so it leaves "@l" out.
        Assert.Null(line["@l"]);
        Assert.Single(process.Lines, l => l.Contains(requestId, StringComparison.Ordinal));
        // Every line is JSON, and the caller's address is in none of them (register and login carried it in their bodies).
        Assert.All(process.Lines, l => Assert.NotNull(JsonNode.Parse(l)));
        Assert.DoesNotContain(process.Lines, l => l.Contains(user.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RequestLog_TextFormatByDefault_IsNotJson()
    {
        await using var process = await ApiProcess.StartAsync(fixture, new Dictionary<string, string>());
        var requestId = "text-test-" + Guid.NewGuid().ToString("N");

        await new TestApi(process.Http).SendAsync(HttpMethod.Get, "/api/v1/me", headers: new Dictionary<string, string> { ["X-Request-Id"] = requestId });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!process.Lines.Any(l => l.Contains("HTTP GET /api/v1/me responded 401", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var line = Assert.Single(process.Lines, l => l.Contains("HTTP GET /api/v1/me responded 401", StringComparison.Ordinal));
        Assert.StartsWith("[", line, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(line));
    }

    [Fact]
    public async Task Start_UnknownLogFormat_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => fixture.StartApiAsync(new Dictionary<string, string?> { ["Logging:Format"] = "xml" }));

        Assert.Contains("Logging:Format", ApiHosting.DescribeSettingsFailure(failure), StringComparison.Ordinal);
    }

    // The request line is written once the response has gone: wait for it briefly.
    private static async Task<JsonNode> RequestLineAsync(ApiProcess process, string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = process.Lines.Where(l => l.Contains(requestId, StringComparison.Ordinal)).ToList();
            if (lines.Count > 0)
            {
                var json = JsonNode.Parse(lines[0])!;
                Assert.Equal(requestId, json["ClientRequestId"]!.GetValue<string>());
                return json;
            }

            Assert.True(DateTime.UtcNow < deadline, "No log line for the request:\n" + string.Join('\n', process.Lines));
            await Task.Delay(100);
        }
    }

    private static string Subject(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!["sub"]!.GetValue<string>();
    }
}
