using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// Telemetry from the shared host defaults: off without an endpoint; with one, logs go there too and an
/// orchestrator's service name and instance id are kept; grain calls join the request's trace.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class TelemetryTests(ApiFixture fixture)
{
    [Fact]
    public void Tracing_NoOtlpEndpoint_NoTracerProvider()
    {
        Assert.Null(fixture.Api.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Tracing_OtlpEndpointConfigured_TracerProviderRecordsRequests()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Logging_OtlpEndpointConfigured_LogsReachOpenTelemetryOnly()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        // OpenTelemetry's provider exports the log; no other provider may be left, or Serilog would write lines twice.
        var provider = Assert.Single(host.Services.GetServices<ILoggerProvider>());
        Assert.IsType<OpenTelemetryLoggerProvider>(provider);
    }

    [Fact]
    public void Logging_NoOtlpEndpoint_NoOpenTelemetryLoggerProvider()
    {
        Assert.DoesNotContain(fixture.Api.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
    }

    [Fact]
    public async Task Resource_OrchestratorNamesTheService_ItsNameAndInstanceIdAreKept()
    {
        await using var host = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
            ["OTEL_SERVICE_NAME"] = "api",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=api-replica-1",
        });

        var attributes = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();
        Assert.Equal("api", attributes["service.name"]);
        Assert.Equal("api-replica-1", attributes["service.instance.id"]);
    }

    /// <summary>
    /// The API's grain call carries the request's trace (Orleans activity propagation on the client): a request
    /// with a W3C <c>traceparent</c> leads to an Orleans client span in that same trace.
    /// </summary>
    [Fact]
    public async Task ReadyProbe_WithTraceparent_GrainCallSpanInTheSameTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var seen = new ConcurrentBag<(string Source, ActivityTraceId TraceId)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                                       || source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => seen.Add((activity.Source.Name, activity.TraceId)),
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await fixture.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(seen, s => s.TraceId == traceId && s.Source.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }

    /// <summary>
    /// Traces start at requests (and reminder ticks) only; a silo's own background calls would otherwise flood the
    /// exporter and push out the spans of real requests. Children follow their parent.
    /// </summary>
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.HttpRequestIn", ActivityKind.Server, false, SamplingDecision.RecordAndSample)]
    [InlineData("IRemindable/ReceiveReminder", ActivityKind.Client, false, SamplingDecision.RecordAndSample)]
    [InlineData("IGrainTimerInvoker/InvokeCallbackAsync", ActivityKind.Client, false, SamplingDecision.Drop)]
    [InlineData("ISiloGrainService/ReportCounters", ActivityKind.Server, false, SamplingDecision.Drop)]
    [InlineData("POST", ActivityKind.Client, false, SamplingDecision.Drop)]
    [InlineData("ILoanGrain/CreateAsync", ActivityKind.Server, true, SamplingDecision.RecordAndSample)]
    [InlineData("POST", ActivityKind.Client, true, SamplingDecision.RecordAndSample)]
    public void Sampler_RootOrChildOfASampledSpan_RecordsOnlyRequestsRemindersAndTheirChildren(string name, ActivityKind kind, bool sampledParent, SamplingDecision expected)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var parent = sampledParent ? new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true) : default;

        var result = PrivateLending.Hosting.Telemetry.RequestRootSampler.Create().ShouldSample(new SamplingParameters(parent, traceId, name, kind));

        Assert.Equal(expected, result.Decision);
    }
}
