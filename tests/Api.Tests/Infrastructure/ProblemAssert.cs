using System.Net;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>Every error must be an RFC 9457 problem with our members: this checks all of them at once.</summary>
public static class ProblemAssert
{
    public static void IsProblem(ApiResponse response, HttpStatusCode status, string code)
    {
        Assert.True(status == response.Status, $"Expected {(int)status}, got {(int)response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.MediaType);
        var json = response.Json;
        Assert.Equal(code, json["code"]?.GetValue<string>());
        Assert.Equal((int)status, json["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(json["title"]?.GetValue<string>()));
        var requestId = json["request_id"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(response.Header("X-Request-Id"), requestId);
        Assert.True(DateTimeOffset.TryParse(json["timestamp"]?.GetValue<string>(), out _), "timestamp is missing or not a date");
        Assert.Null(json["traceId"]);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
    }

    public static void HasFieldError(ApiResponse response, string field)
    {
        IsProblem(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var errors = response.Json["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field),
            $"Expected an error for '{field}', got: {response.Json["errors"]?.ToJsonString() ?? "no errors"}");
        Assert.NotEmpty(errors![field]!.AsArray());
    }
}
