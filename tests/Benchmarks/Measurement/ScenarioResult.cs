namespace PrivateLending.Benchmarks.Measurement;

/// <summary>The figures of one measured run, in the units of the report.</summary>
internal sealed class ScenarioResult
{
    public required string Scenario { get; init; }

    public long Requests { get; init; }

    public double ThroughputRps { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public long Errors { get; init; }

    public double? StorageReadsPerRequest { get; init; }

    public double? StorageWritesPerRequest { get; init; }

    /// <summary>Bytes of storage items written per request, as DynamoDB sizes them (our silo's counters only).</summary>
    public double? StorageBytesWrittenPerRequest { get; init; }

    /// <summary>DynamoDB write units per request as billed: each started KB of every item put, index copies included.</summary>
    public double? WriteUnitsPerRequest { get; init; }

    public int Concurrency { get; init; }

    public double ElapsedSeconds { get; init; }

    /// <summary>Scenario-specific figures (CPU per process, per-operation latencies, storage per provider …).</summary>
    public SortedDictionary<string, object> Extra { get; } = new(StringComparer.Ordinal);

    public ScenarioResult? Baseline { get; set; }

    /// <summary>An invariant the scenario checked after its window that did not hold: the run then fails.</summary>
    public string? FailedCheck { get; private set; }

    /// <summary>Records a failed invariant, keeping any recorded before.</summary>
    public void Fail(string check) => FailedCheck = FailedCheck is null ? check : $"{FailedCheck}; {check}";

    /// <summary>Our throughput ÷ the baseline's.</summary>
    public double? ThroughputRatio => Baseline is { ThroughputRps: > 0 } b ? ThroughputRps / b.ThroughputRps : null;

    /// <param name="countsRegressions">The counters are our silo's, which count storage regressions (the baseline's are not).</param>
    public static ScenarioResult From(string scenario, int concurrency, LoadResult load, bool hasStorageCounters, bool countsRegressions = false)
    {
        var latencies = load.LatenciesMs;
        var result = new ScenarioResult
        {
            Scenario = scenario,
            Requests = load.Requests,
            ThroughputRps = load.Successes / load.ElapsedSeconds,
            P50Ms = Percentile(latencies, 50),
            P95Ms = Percentile(latencies, 95),
            P99Ms = Percentile(latencies, 99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            Errors = load.Errors,
            StorageReadsPerRequest = hasStorageCounters && load.Requests > 0 ? load.Storage.Reads / load.Requests : null,
            StorageWritesPerRequest = hasStorageCounters && load.Requests > 0 ? load.Storage.Writes / load.Requests : null,
            StorageBytesWrittenPerRequest = load.Storage.HasWriteCost && load.Requests > 0 ? load.Storage.WrittenBytes / load.Requests : null,
            WriteUnitsPerRequest = load.Storage.HasWriteCost && load.Requests > 0 ? load.Storage.WriteUnits / load.Requests : null,
            Concurrency = concurrency,
            ElapsedSeconds = load.ElapsedSeconds,
        };

        if (load.Requests > 0)
        {
            var cpu = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var ours = TimeSpan.Zero;
            foreach (var (process, time) in load.CpuByProcess)
            {
                if (process != Hosting.SystemUnderTest.MachineCpu)
                {
                    cpu[process] = Math.Round(time.TotalMilliseconds / load.Requests, 3);
                    ours += time;
                }
            }

            result.Extra["cpu_ms_per_request"] = cpu;
            result.Extra["cpu_cores_busy"] = Math.Round(ours.TotalSeconds / load.ElapsedSeconds, 2);
            if (load.CpuByProcess.TryGetValue(Hosting.SystemUnderTest.MachineCpu, out var machine))
            {
                // CPU used during the window by processes that are not part of this run (other builds, tests …):
                // anything much above 0 means the figures were taken on a shared, busy machine.
                result.Extra["cpu_cores_busy_other_processes"] = Math.Round(Math.Max(0, (machine - ours).TotalSeconds) / load.ElapsedSeconds, 2);
            }
        }

        if (hasStorageCounters && load.Requests > 0)
        {
            if (load.Storage.OperationCount > 0)
            {
                result.Extra["storage_ms_per_operation"] = Math.Round(load.Storage.OperationMillisecondsSum / load.Storage.OperationCount, 3);
            }

            if (load.Storage.Conflicts != 0 || load.Storage.Throttles != 0 || load.Storage.Clears != 0)
            {
                result.Extra["storage_conflicts"] = load.Storage.Conflicts;
                result.Extra["storage_throttles"] = load.Storage.Throttles;
                result.Extra["storage_clears"] = load.Storage.Clears;
            }

            if (countsRegressions)
            {
                // The store answered with an item older than a write it had acknowledged: acknowledged data was lost.
                result.Extra["storage_regressions"] = load.Storage.Regressions;
                if (load.Storage.Regressions > 0)
                {
                    result.Fail($"{load.Storage.Regressions} storage regressions (the store returned an item older than an acknowledged write)");
                }
            }

            var providers = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, (reads, writes)) in load.Storage.ByProvider)
            {
                var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
                {
                    ["reads_per_request"] = Math.Round(reads / load.Requests, 3),
                    ["writes_per_request"] = Math.Round(writes / load.Requests, 3),
                };
                if (load.Storage.WriteUnitsByProvider?.GetValueOrDefault(name) is > 0 and var units)
                {
                    figures["write_units_per_request"] = Math.Round(units / load.Requests, 3);
                }

                providers[name] = figures;
            }

            if (providers.Count > 0)
            {
                result.Extra["storage_by_provider"] = providers;
            }
        }

        if (load.LatenciesByOperation.Count > 1)
        {
            var operations = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var (operation, values) in load.LatenciesByOperation)
            {
                operations[operation] = new SortedDictionary<string, double>(StringComparer.Ordinal)
                {
                    ["requests"] = values.Length,
                    ["p50_ms"] = Math.Round(Percentile(values, 50), 2),
                    ["p99_ms"] = Math.Round(Percentile(values, 99), 2),
                };
            }

            result.Extra["operations"] = operations;
        }

        if (load.ErrorsByStatus.Count > 0)
        {
            result.Extra["errors_by_kind"] = new SortedDictionary<string, long>(load.ErrorsByStatus.ToDictionary(), StringComparer.Ordinal);
        }

        return result;
    }

    /// <summary>Nearest-rank percentile of an ascending array (exact over the recorded samples).</summary>
    public static double Percentile(double[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
