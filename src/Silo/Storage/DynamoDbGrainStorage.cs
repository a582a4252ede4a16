using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Orleans grain storage on DynamoDB: one item per (service, state name, grain), state as JSON (gzip-compressed when
/// that makes the item cost fewer write units, see <see cref="GrainStateCompression"/>), and every
/// write or clear conditional on the ETag the grain last saw, so a stale writer gets <see cref="InconsistentStateException"/>
/// and the stored state survives.
/// </summary>
public sealed partial class DynamoDbGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string _name;
    private readonly DynamoDbStorageOptions _options;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<DynamoDbGrainStorage> _logger;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly DynamoDbCallPolicy _policy;
    private readonly GrainStateJsonSerializer _json;
    private readonly KeyValuePair<string, object?> _providerTag;
    private readonly IGrainContextAccessor? _contexts;

    /// <param name="name">Provider name, as used in <c>[PersistentState(..., storageName)]</c>.</param>
    /// <param name="options">Validated here as well as at silo start-up.</param>
    /// <param name="clusterOptions">Supplies the service id when <see cref="DynamoDbStorageOptions.ServiceId"/> is null.</param>
    /// <param name="activatorProvider">Creates empty state instances the way Orleans does.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="client">A client to use (not disposed by the provider); null builds one from <paramref name="options"/>.</param>
    /// <param name="contexts">Tells which activation writes, recorded in each item; null records nothing.</param>
    public DynamoDbGrainStorage(
        string name,
        DynamoDbStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<DynamoDbGrainStorage> logger,
        IAmazonDynamoDB? client = null,
        IGrainContextAccessor? contexts = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        DynamoDbStorageOptionsValidator.Validate(options, name);
        _serviceId = options.ServiceId ?? clusterOptions.Value.ServiceId;
        if (string.IsNullOrWhiteSpace(_serviceId))
        {
            throw new OrleansConfigurationException($"DynamoDB grain storage '{name}' needs a service id: set ClusterOptions.ServiceId or {nameof(DynamoDbStorageOptions)}.{nameof(DynamoDbStorageOptions.ServiceId)}.");
        }

        _name = name;
        _options = options;
        _activators = activatorProvider;
        _logger = logger;
        _client = client ?? DynamoDbClientFactory.Create(options);
        _ownsClient = client is null;
        _policy = new DynamoDbCallPolicy(options, name, logger);
        _json = new GrainStateJsonSerializer(options);
        _providerTag = new(StorageMetrics.ProviderTag, name);
        _contexts = contexts;
    }

    /// <summary>The provider name.</summary>
    public string Name => _name;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<DynamoDbGrainStorage>(_name), _options.InitStage, InitializeAsync);

    /// <summary>Checks the table (creating it if allowed) and waits until it is ACTIVE. The silo calls this at start-up.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        new DynamoDbTableInitializer(_client, _options, _policy, _name, _logger).EnsureTableAsync(cancellationToken);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Create(_serviceId, stateName, grainId);
        // Before any await: the grain's context is only current here. The acknowledged write is taken before the request
        // too, so a write of this activation that completes while the read is under way is not held against it.
        var activation = ActivationWrites.CurrentIfWritten(_contexts);
        var acknowledged = activation?.LastAcknowledged(_options.TableName, key.PartitionKey);
        return MeasureAsync("read", StorageMetrics.Reads, async () =>
        {
            var item = await GetItemAsync(key, cancellationToken);
            CheckStoreWentBack(key, "read", item, activation, acknowledged);
            var eTag = GrainStateItem.GetString(item, GrainStateItem.ETag);
            if (item is not null && eTag is null)
            {
                // Without an ETag no conditional write could ever succeed again; say so now rather than at the next write.
                throw new InvalidOperationException($"Stored {Describe(key)} in DynamoDB table '{_options.TableName}' has no {GrainStateItem.ETag} attribute.");
            }

            var json = item is null ? null : StoredJson(key, item);
            if (item is null || json is null)
            {
                // Never written (no item) or cleared (a tombstone whose ETag the next write must present).
                Reset(grainState, item is null ? null : eTag);
                return;
            }

            T? state;
            try
            {
                if (RunListOf(key, item) is { } list)
                {
                    var (whole, runs) = await JoinRunsAsync(key, json, list, cancellationToken);
                    state = _json.Deserialize<T>(whole);
                    _storedRuns.AddOrUpdate(grainState, new StoredRuns(eTag!, runs));
                }
                else
                {
                    state = _json.Deserialize<T>(json);
                }
            }
            catch (JsonException ex)
            {
                throw Unreadable(key, $"cannot be read as {typeof(T).FullName}: {ex.Message}", ex);
            }

            grainState.State = state ?? CreateInstance<T>();
            grainState.ETag = eTag;
            grainState.RecordExists = true;
        });
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Create(_serviceId, stateName, grainId);
        var activation = ActivationWrites.Current(_contexts); // read before any await: the grain's context is only current here
        var writer = activation?.NextWrite();
        var layouts = _options.WriteListsInRuns ? StateRunLayout.Of(typeof(T)) : [];
        return MeasureAsync("write", StorageMetrics.Writes, async () =>
        {
            if (layouts.Length > 0)
            {
                await WriteWithRunsAsync(key, grainState, layouts, activation, writer, cancellationToken);
                return;
            }

            var json = _json.Serialize(grainState.State, Describe(key));
            var eTag = GrainStateETag.New();
            var item = GrainStateItem.Create(key, eTag, json, DateTimeOffset.UtcNow, writer);
            GrainStateCompression.Compact(item, _options.StateCompressionLevel);
            var expected = ExpectedETag(grainState);
            await PutAsync(key, item, expected, eTag, activation, writer, "write", cancellationToken);
            Acknowledged(key, activation, writer, eTag);
            grainState.ETag = eTag;
            grainState.RecordExists = true;
            await ForgetRunsAsync(grainState, key, expected);
        });
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = GrainStateKey.Create(_serviceId, stateName, grainId);
        var activation = ActivationWrites.Current(_contexts);
        var writer = activation?.NextWrite();
        return MeasureAsync("clear", StorageMetrics.Clears, async () =>
        {
            if (_options.DeleteStateOnClear)
            {
                var old = await DeleteAsync(key, ExpectedETag(grainState), activation, writer, cancellationToken);
                Acknowledged(key, activation, writer, eTag: null);
                Reset(grainState, eTag: null);
                await DeleteRunsOfAsync(key, old);
            }
            else
            {
                var eTag = GrainStateETag.New();
                var old = await PutAsync(key, GrainStateItem.Create(key, eTag, json: null, DateTimeOffset.UtcNow, writer), ExpectedETag(grainState), eTag, activation, writer, "clear", cancellationToken, returnOld: true);
                Acknowledged(key, activation, writer, eTag);
                Reset(grainState, eTag);
                await DeleteRunsOfAsync(key, old);
            }
        });
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private void Reset<T>(IGrainState<T> grainState, string? eTag)
    {
        grainState.State = CreateInstance<T>();
        grainState.ETag = eTag;
        grainState.RecordExists = false;
    }

    private T CreateInstance<T>() => _activators.GetActivator<T>().Create();

    // Orleans' own providers treat an empty ETag like a missing one.
    private static string? ExpectedETag<T>(IGrainState<T> grainState) => string.IsNullOrEmpty(grainState.ETag) ? null : grainState.ETag;

    /// <summary>The item's state JSON, plain or decompressed; null for a tombstone.</summary>
    private string? StoredJson(GrainStateKey key, Dictionary<string, AttributeValue> item)
    {
        try
        {
            return GrainStateCompression.JsonOf(item);
        }
        catch (InvalidDataException ex)
        {
            throw Unreadable(key, $"has a {GrainStateItem.StateGzip} attribute that is not gzip-compressed UTF-8 text: {ex.Message}", ex);
        }
    }

    private UnreadableGrainStateException Unreadable(GrainStateKey key, string problem, Exception inner) =>
        new(key.GrainId, key.StateName, $"Stored {Describe(key)} in DynamoDB table '{_options.TableName}' {problem}", inner);

    private static string Describe(GrainStateKey key) => $"state '{key.StateName}' of grain {key.GrainId}";
}
