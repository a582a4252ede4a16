using System.IO.Compression;
using System.Text.Json;
using Orleans;

namespace PrivateLending.Silo.Storage;

/// <summary>Settings of one named DynamoDB grain storage provider.</summary>
public sealed class DynamoDbStorageOptions
{
    /// <summary>Table holding one item per grain state. Created at start-up when missing (see <see cref="CreateTableIfNotExists"/>).</summary>
    public string TableName { get; set; } = "PrivateLendingGrainState";

    /// <summary>Endpoint override, e.g. <c>http://127.0.0.1:8000</c> for a local dynalite. Null: the AWS endpoint of <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region, e.g. <c>eu-west-1</c>. Null: the standard AWS region chain (environment, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Access key id. Null (together with <see cref="SecretKey"/>): the standard AWS credential chain.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key; never logged.</summary>
    [Redact]
    public string? SecretKey { get; set; }

    /// <summary>Prefix of every key. Null: Orleans' <c>ClusterOptions.ServiceId</c>, so that services sharing a table never see each other's state.</summary>
    public string? ServiceId { get; set; }

    /// <summary>Create the table at start-up when it does not exist. When false a missing table stops the silo.</summary>
    public bool CreateTableIfNotExists { get; set; } = true;

    /// <summary>Provisioned read capacity. Null together with <see cref="ProvisionedWriteCapacityUnits"/>: on-demand (PAY_PER_REQUEST) billing.</summary>
    public long? ProvisionedReadCapacityUnits { get; set; }

    /// <summary>Provisioned write capacity. Null together with <see cref="ProvisionedReadCapacityUnits"/>: on-demand (PAY_PER_REQUEST) billing.</summary>
    public long? ProvisionedWriteCapacityUnits { get; set; }

    /// <summary>
    /// True: ClearStateAsync deletes the item. False (default): it replaces the item with a tombstone that keeps an ETag,
    /// so a writer still holding an ETag from before the clear — or none at all — is refused.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>How many times a throttled request is retried before <c>StorageThrottledException</c> is raised.</summary>
    public int MaxThrottleRetries { get; set; } = 6;

    /// <summary>How many times a request that failed for lack of a connection, a time-out or a 5xx is retried before <c>StorageUnavailableException</c>.</summary>
    public int MaxTransientRetries { get; set; } = 2;

    /// <summary>First retry delay; doubled per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time-out of one HTTP request to DynamoDB.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long start-up waits for a table being created to serve requests.</summary>
    public TimeSpan TableReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Serialise, deserialise and serialise again before each write and refuse the write when the two JSON texts differ,
    /// so a state type that JSON cannot carry (private setters, get-only collections) fails loudly instead of losing data on the next read.
    /// </summary>
    public bool VerifyJsonRoundTrip { get; set; } = true;

    /// <summary>
    /// How many writes of each state type (per provider, per process) get the round-trip check before it is only
    /// sampled. A type that JSON cannot carry fails on its first writes that hold the data; checking every write
    /// afterwards triples the JSON work of the hottest path for no new information.
    /// </summary>
    public int JsonRoundTripFullChecks { get; set; } = 100;

    /// <summary>After <see cref="JsonRoundTripFullChecks"/>, one write in this many is still checked (1: every write).</summary>
    public int JsonRoundTripSampleInterval { get; set; } = 100;

    /// <summary>
    /// Gzip level of states stored compressed: a state is stored compressed only when that lowers the write units of
    /// its item (one per started kilobyte). <see cref="CompressionLevel.NoCompression"/> keeps every state plain text.
    /// </summary>
    public CompressionLevel StateCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>
    /// Write the lists a state type marks <c>[StoredInRuns]</c> (and values marked <c>[StoredApart]</c>) in items of
    /// their own. Reads accept both layouts whatever this says. Off by default: it lowers the write units per command
    /// but costs the silo more CPU (storage.md, "Runs"), and it may only be switched on once every silo runs a version
    /// that reads runs. Switched off again, each state's next write stores it whole and deletes its runs.
    /// </summary>
    public bool WriteListsInRuns { get; set; }

    /// <summary>Hook to adjust the JSON settings (converters, naming) after the provider's defaults are applied.</summary>
    public Action<JsonSerializerOptions>? ConfigureJsonSerializerOptions { get; set; }

    /// <summary>Silo lifecycle stage at which the table is checked or created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
