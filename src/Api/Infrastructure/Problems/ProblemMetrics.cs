using System.Diagnostics.Metrics;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>
/// Problems answered, by stable <c>code</c> and status: the status histogram says how many requests failed, this
/// says why (a burst of <c>STORAGE_THROTTLED</c> reads differently from one of <c>VALIDATION_FAILED</c>).
/// </summary>
internal static class ProblemMetrics
{
    public const string MeterName = "PrivateLending.Api";

    public static Meter Meter { get; } = new(MeterName);

    /// <summary>Every problem+json answer (tags <c>code</c> and <c>http.response.status_code</c>).</summary>
    public static Counter<long> Problems { get; } =
        Meter.CreateCounter<long>("privatelending.api.problems", "{problem}", "Problem responses the API answered, by code and status.");

    public static void Record(string code, int status) =>
        Problems.Add(1, new KeyValuePair<string, object?>("code", code), new KeyValuePair<string, object?>("http.response.status_code", status));
}
