using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Messaging;
using Orleans.Runtime;

namespace PrivateLending.Clustering;

/// <summary>
/// The gateways of a cluster for an Orleans client, read from the membership item: every Active silo that opened a
/// gateway (proxy) port. Orleans asks again every <see cref="MaxStaleness"/>, so joins and deaths are picked up.
/// </summary>
public sealed class DynamoDbGatewayListProvider : IGatewayListProvider, IDisposable
{
    private readonly DynamoDbClusteringOptions _options;
    private readonly string _clusterId;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly UnreadableEntryLog _unreadable;
    private List<Uri>? _lastKnown;

    public DynamoDbGatewayListProvider(
        DynamoDbClusteringOptions options, string clusterId, TimeSpan refreshPeriod, IAmazonDynamoDB? client = null, ILogger<DynamoDbGatewayListProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _options = options;
        _clusterId = clusterId;
        MaxStaleness = refreshPeriod;
        _ownsClient = client is null;
        _client = client ?? DynamoDbClients.Create(options);
        _unreadable = new UnreadableEntryLog(logger ?? (ILogger)NullLogger.Instance, clusterId);
    }

    public TimeSpan MaxStaleness { get; }

    [Obsolete("Orleans considers every provider updatable.")]
    public bool IsUpdatable => true;

    // The silos own the table; a client only reads, so it neither creates nor checks it.
    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync();

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await MembershipItem.ReadAsync(_client, _options.MembershipTableName, _clusterId, _unreadable, cancellationToken);
            _lastKnown = Gateways(table);
        }
        catch (Exception) when (_lastKnown is not null && !cancellationToken.IsCancellationRequested)
        {
            // DynamoDB unreachable or slow (the SDK reports its own time-out as a cancellation nobody asked for): the
            // silos are not gone because their table is. Keep using the last list; the client drops gateways whose
            // connections fail by itself.
        }

        return _lastKnown!;
    }

    /// <summary>The gateway address of every Active silo with a proxy port, generation kept so a restarted silo counts as new.</summary>
    internal static List<Uri> Gateways(MembershipTableData table) => table.Members
        .Select(row => row.Item1)
        .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort > 0)
        .Select(entry => SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri())
        .ToList();

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
