using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PrivateLending.Benchmarks.Measurement;

/// <summary>Prints results and writes them as JSON (the keys of issue 4) and as a Markdown table.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The details of a result (its summary line was printed when it was measured).</summary>
    public static void PrintOne(ScenarioResult result)
    {
        if (result.Baseline is { } baseline)
        {
            Console.WriteLine($"  {result.Scenario}: throughput ours ÷ seed baseline = {Format(result.ThroughputRatio, "0.00")}×");
            foreach (var (key, value) in baseline.Extra)
            {
                Console.WriteLine($"      baseline {key}: {JsonSerializer.Serialize(value)}");
            }
        }

        foreach (var (key, value) in result.Extra)
        {
            Console.WriteLine($"      {key}: {JsonSerializer.Serialize(value)}");
        }
    }

    public static string Line(ScenarioResult r) => string.Create(Invariant,
        $"  {r.Scenario,-24} req {r.Requests,8}  {r.ThroughputRps,9:0.0} req/s  p50 {r.P50Ms,7:0.00}  p95 {r.P95Ms,7:0.00}  " +
        $"p99 {r.P99Ms,7:0.00}  max {r.MaxMs,8:0.00} ms  err {r.Errors,5}  reads/req {Format(r.StorageReadsPerRequest, "0.00")}  " +
        $"writes/req {Format(r.StorageWritesPerRequest, "0.00")}  bytes/req {Format(r.StorageBytesWrittenPerRequest, "0")}  " +
        $"WCU/req {Format(r.WriteUnitsPerRequest, "0.00")}");

    public static void WriteJson(string path, IReadOnlyList<ScenarioResult> results, IReadOnlyDictionary<string, object> run)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WritePropertyName("run");
        JsonSerializer.Serialize(json, run);
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            WriteResult(json, result, isBaseline: false, ours: null);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | side | clients | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms | errors | storage reads/req | storage writes/req | bytes written/req | write units/req | ours ÷ baseline |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(Row(r, r.Scenario.EndsWith("seed-baseline", StringComparison.Ordinal) ? "seed baseline" : "ours", r.ThroughputRatio));
            if (r.Baseline is { } b)
            {
                text.AppendLine(Row(b, "seed baseline", null));
            }
        }

        return text.ToString();
    }

    private static string Row(ScenarioResult r, string side, double? ratio) => string.Create(Invariant,
        $"| {r.Scenario} | {side} | {r.Concurrency} | {r.Requests} | {r.ThroughputRps:0.0} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | " +
        $"{r.MaxMs:0.00} | {r.Errors} | {Format(r.StorageReadsPerRequest, "0.00")} | {Format(r.StorageWritesPerRequest, "0.00")} | " +
        $"{Format(r.StorageBytesWrittenPerRequest, "0")} | {Format(r.WriteUnitsPerRequest, "0.00")} | " +
        $"{(ratio is { } x ? x.ToString("0.00", Invariant) + "×" : "")} |");

    private static void WriteResult(Utf8JsonWriter json, ScenarioResult r, bool isBaseline, ScenarioResult? ours)
    {
        json.WriteStartObject();
        json.WriteString("scenario", r.Scenario);
        json.WriteNumber("requests", r.Requests);
        json.WriteNumber("throughput_rps", Math.Round(r.ThroughputRps, 2));
        json.WriteNumber("p50_ms", Math.Round(r.P50Ms, 3));
        json.WriteNumber("p95_ms", Math.Round(r.P95Ms, 3));
        json.WriteNumber("p99_ms", Math.Round(r.P99Ms, 3));
        json.WriteNumber("max_ms", Math.Round(r.MaxMs, 3));
        json.WriteNumber("errors", r.Errors);
        WriteNullable(json, "storage_reads_per_request", r.StorageReadsPerRequest);
        WriteNullable(json, "storage_writes_per_request", r.StorageWritesPerRequest);
        WriteNullable(json, "storage_bytes_written_per_request", r.StorageBytesWrittenPerRequest);
        WriteNullable(json, "write_units_per_request", r.WriteUnitsPerRequest);
        json.WriteNumber("concurrency", r.Concurrency);
        json.WriteNumber("elapsed_s", Math.Round(r.ElapsedSeconds, 3));
        if (isBaseline && ours is not null)
        {
            WriteNullable(json, "throughput_ratio", ours.ThroughputRatio);
        }

        foreach (var (key, value) in r.Extra)
        {
            json.WritePropertyName(key);
            JsonSerializer.Serialize(json, value);
        }

        if (!isBaseline && r.Baseline is { } baseline)
        {
            json.WritePropertyName("baseline");
            WriteResult(json, baseline, isBaseline: true, ours: r);
        }

        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "n/a";
}
