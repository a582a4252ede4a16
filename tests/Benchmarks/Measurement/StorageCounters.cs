using System.Globalization;

namespace PrivateLending.Benchmarks.Measurement;

/// <summary>
/// One reading of the storage counters: the silo's Prometheus text (meter "PrivateLending.Storage") for our system,
/// the counting DynamoDB client for the seed baseline. Values are summed over every provider; the per-provider
/// split is kept for the report.
/// </summary>
internal sealed record StorageSnapshot(
    double Reads,
    double Writes,
    double Clears,
    double Conflicts,
    double Throttles,
    double Regressions,
    double OperationMillisecondsSum,
    double OperationCount,
    IReadOnlyDictionary<string, (double Reads, double Writes)> ByProvider,
    double WrittenBytes = 0,
    double WriteUnits = 0,
    IReadOnlyDictionary<string, double>? WriteUnitsByProvider = null,
    bool HasWriteCost = false)
{
    public static readonly StorageSnapshot Empty = new(0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, (double, double)>());

    public StorageSnapshot Minus(StorageSnapshot earlier)
    {
        var providers = new Dictionary<string, (double Reads, double Writes)>(StringComparer.Ordinal);
        foreach (var (name, value) in ByProvider)
        {
            var before = earlier.ByProvider.TryGetValue(name, out var b) ? b : default;
            var delta = (value.Reads - before.Reads, value.Writes - before.Writes);
            if (delta.Item1 != 0 || delta.Item2 != 0)
            {
                providers[name] = delta;
            }
        }

        return new StorageSnapshot(
            Reads - earlier.Reads,
            Writes - earlier.Writes,
            Clears - earlier.Clears,
            Conflicts - earlier.Conflicts,
            Throttles - earlier.Throttles,
            // A silo restarted in between starts its counters again: what it counted since is all there is.
            Regressions >= earlier.Regressions ? Regressions - earlier.Regressions : Regressions,
            OperationMillisecondsSum - earlier.OperationMillisecondsSum,
            OperationCount - earlier.OperationCount,
            providers,
            WrittenBytes - earlier.WrittenBytes,
            WriteUnits - earlier.WriteUnits,
            (WriteUnitsByProvider ?? new Dictionary<string, double>())
                .Select(p => (p.Key, Units: p.Value - (earlier.WriteUnitsByProvider?.GetValueOrDefault(p.Key) ?? 0)))
                .Where(p => p.Units != 0)
                .ToDictionary(p => p.Key, p => p.Units, StringComparer.Ordinal),
            // A silo that exports no write-cost counters (an older version under --compare) has no figure, not zero.
            HasWriteCost);
    }
}

internal interface IStorageCounterSource
{
    Task<StorageSnapshot> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Scrapes the silo's /metrics (OpenTelemetry Prometheus exporter).</summary>
internal sealed class PrometheusStorageCounters(HttpClient http, Uri metricsUrl) : IStorageCounterSource
{
    public async Task<StorageSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(metricsUrl, cancellationToken);
        return Parse(text);
    }

    /// <summary>The silo's regression count now; null when it cannot be read (no silo, or the silo is down).</summary>
    public async Task<double?> RegressionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAsync(cancellationToken)).Regressions;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Regressions counted between two readings; a silo restarted in between counts again from zero.</summary>
    public static double Since(double? before, double? after) =>
        after is not { } a ? 0 : before is { } b && a >= b ? a - b : a;

    public static StorageSnapshot Parse(string text)
    {
        double reads = 0, writes = 0, clears = 0, conflicts = 0, throttles = 0, regressions = 0, durationSum = 0, durationCount = 0;
        double writtenBytes = 0, writeUnits = 0;
        var hasWriteCost = false;
        var providers = new Dictionary<string, (double Reads, double Writes)>(StringComparer.Ordinal);
        var unitsByProvider = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith("privatelending_storage_", StringComparison.Ordinal))
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            var labels = string.Empty;
            var rest = line[nameEnd..];
            if (rest.StartsWith('{'))
            {
                var close = rest.LastIndexOf('}');
                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }

            var parts = rest.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var provider = Label(labels, "provider") ?? "?";
            var bare = name.EndsWith("_total", StringComparison.Ordinal) ? name[..^"_total".Length] : name;
            switch (bare)
            {
                case "privatelending_storage_reads":
                    reads += value;
                    providers[provider] = (Get(providers, provider).Reads + value, Get(providers, provider).Writes);
                    break;
                case "privatelending_storage_writes":
                    writes += value;
                    providers[provider] = (Get(providers, provider).Reads, Get(providers, provider).Writes + value);
                    break;
                case "privatelending_storage_written_bytes":
                    writtenBytes += value;
                    hasWriteCost = true;
                    break;
                case "privatelending_storage_write_units":
                    writeUnits += value;
                    hasWriteCost = true;
                    unitsByProvider[provider] = unitsByProvider.GetValueOrDefault(provider) + value;
                    break;
                case "privatelending_storage_clears": clears += value; break;
                case "privatelending_storage_conflicts": conflicts += value; break;
                case "privatelending_storage_throttles": throttles += value; break;
                case "privatelending_storage_regressions": regressions += value; break;
                default:
                    if (bare.StartsWith("privatelending_storage_operation_duration", StringComparison.Ordinal))
                    {
                        if (bare.EndsWith("_sum", StringComparison.Ordinal))
                        {
                            durationSum += value;
                        }
                        else if (bare.EndsWith("_count", StringComparison.Ordinal))
                        {
                            durationCount += value;
                        }
                    }

                    break;
            }
        }

        return new StorageSnapshot(reads, writes, clears, conflicts, throttles, regressions, durationSum, durationCount, providers, writtenBytes, writeUnits, unitsByProvider, hasWriteCost);
    }

    private static (double Reads, double Writes) Get(Dictionary<string, (double Reads, double Writes)> providers, string name) =>
        providers.TryGetValue(name, out var value) ? value : default;

    private static string? Label(string labels, string key)
    {
        var marker = key + "=\"";
        var start = labels.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = labels.IndexOf('"', start);
        return end < 0 ? null : labels[start..end];
    }
}
