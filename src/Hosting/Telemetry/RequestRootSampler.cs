using System.Diagnostics;
using OpenTelemetry.Trace;

namespace PrivateLending.Hosting.Telemetry;

/// <summary>
/// Which traces start: one per incoming HTTP request and one per reminder tick; a span with a parent follows its
/// parent's decision (<see cref="ParentBasedSampler"/>). Everything else that would start a trace of its own (the
/// Orleans Dashboard's timers, system targets, membership and gateway polling, grain timers) is not recorded: on a
/// silo it makes hundreds of spans a second, which filled the exporter's queue until it dropped spans of real
/// requests, so their traces arrived without their silo half.
/// </summary>
internal sealed class RequestRootSampler : Sampler
{
    /// <summary>The name ASP.NET Core gives the activity of an incoming request when it is created (before the route is known).</summary>
    internal const string IncomingRequest = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private const string ReminderTick = "/ReceiveReminder";

    private static readonly SamplingResult Record = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    /// <summary>The sampler to install: parents decide; roots are kept only when this class says so.</summary>
    public static Sampler Create() => new ParentBasedSampler(new RequestRootSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name == IncomingRequest
        || samplingParameters.Name.EndsWith(ReminderTick, StringComparison.Ordinal)
            ? Record
            : Drop;
}
