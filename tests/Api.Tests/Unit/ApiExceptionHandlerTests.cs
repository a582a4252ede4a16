using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Api.Tests.Unit;

/// <summary>
/// The exception handler end to end on an in-memory request: storage throttling and outages cannot be caused
/// through the memory storage the HTTP tests use, so their responses are checked here.
/// </summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task Handle_StorageThrottled_Writes429ProblemWithRetryAfter()
    {
        var (status, headers, body) = await HandleAsync(new StorageThrottledException("throttled", TimeSpan.FromMilliseconds(1500)));

        Assert.Equal(429, status);
        Assert.Equal("2", headers.RetryAfter.ToString());
        Assert.Equal("TOO_MANY_REQUESTS", body["code"]!.GetValue<string>());
        Assert.Equal(2, body["retry_after"]!.GetValue<int>());
        Assert.Equal("req-1", body["request_id"]!.GetValue<string>());
        Assert.NotNull(body["timestamp"]);
    }

    [Fact]
    public async Task Handle_StorageUnavailable_Writes503ProblemWithRetryAfter()
    {
        var (status, headers, body) = await HandleAsync(new StorageUnavailableException("down", TimeSpan.FromSeconds(5)));

        Assert.Equal(503, status);
        Assert.Equal("5", headers.RetryAfter.ToString());
        Assert.Equal("SERVICE_UNAVAILABLE", body["code"]!.GetValue<string>());
        Assert.Equal(5, body["retry_after"]!.GetValue<int>());
    }

    [Fact]
    public async Task Handle_UnexpectedException_Writes500WithoutDetailsAndLogsIt()
    {
        var logs = new ListLogger();
        var (status, _, body) = await HandleAsync(new InvalidOperationException("secret internals"), logs);

        Assert.Equal(500, status);
        Assert.Equal("INTERNAL_ERROR", body["code"]!.GetValue<string>());
        Assert.DoesNotContain("secret internals", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("req-1", StringComparison.Ordinal));
    }

    private static async Task<(int Status, IHeaderDictionary Headers, JsonNode Body)> HandleAsync(Exception exception, ILogger<ApiExceptionHandler>? logger = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApiJson();
        services.AddApiProblems();
        services.AddSingleton(TimeProvider.System);
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider, TraceIdentifier = "req-1" };
        var body = new MemoryStream();
        context.Response.Body = body;
        var handler = new ApiExceptionHandler(provider.GetRequiredService<IProblemDetailsService>(),
            logger ?? NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal("application/problem+json", context.Response.ContentType?.Split(';')[0]);
        return (context.Response.StatusCode, context.Response.Headers, JsonNode.Parse(body.ToArray())!);
    }

    private sealed class ListLogger : ILogger<ApiExceptionHandler>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
