using System.Diagnostics.Metrics;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Grain storage instruments. The host exports them by meter name (<see cref="MeterName"/>);
/// every measurement carries the provider name in the <c>provider</c> tag.
/// </summary>
public static class StorageMetrics
{
    /// <summary>Name to pass to an exporter's <c>AddMeter</c>.</summary>
    public const string MeterName = "PrivateLending.Storage";

    /// <summary>Tag holding the storage provider name.</summary>
    public const string ProviderTag = "provider";

    /// <summary>Tag holding the operation (read, write, clear) on the latency histogram.</summary>
    public const string OperationTag = "operation";

    /// <summary>Tag holding how an operation ended (ok, conflict, throttled, unavailable, error) on the latency histogram.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The <c>provider</c> of throttles refused to the membership table (silo clustering).</summary>
    public const string ClusteringProvider = "clustering";

    /// <summary>The <c>provider</c> of throttles refused to the reminder table.</summary>
    public const string RemindersProvider = "reminders";

    /// <summary>The <c>provider</c> of the audit log's writes.</summary>
    public const string AuditProvider = "audit";

    /// <summary>The meter all storage instruments belong to.</summary>
    public static Meter Meter { get; } = new(MeterName);

    /// <summary>Completed state reads.</summary>
    public static Counter<long> Reads { get; } =
        Meter.CreateCounter<long>("privatelending.storage.reads", "{operation}", "Grain state reads that completed.");

    /// <summary>Completed state writes.</summary>
    public static Counter<long> Writes { get; } =
        Meter.CreateCounter<long>("privatelending.storage.writes", "{operation}", "Grain state writes that completed.");

    /// <summary>Bytes of the items written, as DynamoDB sizes them (<see cref="DynamoDbItemSize"/>).</summary>
    public static Counter<long> WrittenBytes { get; } =
        Meter.CreateCounter<long>("privatelending.storage.written", "By", "Bytes of the items written, as DynamoDB sizes them.");

    /// <summary>Write units the completed writes cost as DynamoDB bills them: each started kilobyte of an item put, one per delete.</summary>
    public static Counter<long> WriteUnits { get; } =
        Meter.CreateCounter<long>("privatelending.storage.write_units", "{unit}", "Write capacity units the completed writes cost, as billed.");

    /// <summary>
    /// Counts one completed put of an item of <paramref name="itemBytes"/>: its bytes and its write units, with one more
    /// copy of the units for each global secondary index that projects the whole item (<paramref name="indexCopies"/>).
    /// </summary>
    public static void CountPut(long itemBytes, KeyValuePair<string, object?> provider, int indexCopies = 0)
    {
        WrittenBytes.Add(itemBytes, provider);
        WriteUnits.Add(DynamoDbItemSize.WriteUnits(itemBytes) * (1 + indexCopies), provider);
    }

    /// <summary>Completed state clears.</summary>
    public static Counter<long> Clears { get; } =
        Meter.CreateCounter<long>("privatelending.storage.clears", "{operation}", "Grain state clears that completed.");

    /// <summary>Writes or clears refused because the stored ETag did not match.</summary>
    public static Counter<long> Conflicts { get; } =
        Meter.CreateCounter<long>("privatelending.storage.conflicts", "{operation}", "Writes or clears refused for a stale ETag.");

    /// <summary>
    /// Times the store answered with an item older than a write it had acknowledged to the same activation (a lost
    /// acknowledged write). Anything above zero is an incident.
    /// </summary>
    public static Counter<long> Regressions { get; } =
        Meter.CreateCounter<long>("privatelending.storage.regressions", "{operation}", "Reads or refused writes that found an item older than an acknowledged write.");

    /// <summary>Requests the database refused for lack of capacity (each refusal, retried or not).</summary>
    public static Counter<long> Throttles { get; } =
        Meter.CreateCounter<long>("privatelending.storage.throttles", "{request}", "Storage requests refused by throttling.");

    /// <summary>
    /// Counts <paramref name="exception"/> as one throttle of <paramref name="provider"/> when DynamoDB refused the
    /// request for capacity (after the SDK's own retries, for clients that have them). Always false, so it can sit in
    /// an exception filter without catching anything.
    /// </summary>
    public static bool CountThrottle(Exception exception, string provider)
    {
        if (DynamoDbErrors.IsThrottle(exception))
        {
            Throttles.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider));
        }

        return false;
    }

    /// <summary>Latency of whole operations, retries included.</summary>
    public static Histogram<double> OperationDuration { get; } =
        Meter.CreateHistogram<double>("privatelending.storage.operation.duration", "ms", "Latency of grain storage operations, retries included.");
}
