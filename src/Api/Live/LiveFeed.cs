using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Live;

namespace PrivateLending.Api.Live;

/// <summary>
/// Shares Orleans stream subscriptions between the event-stream connections of this API instance: one
/// subscription per stream however many clients watch it (subscribing costs pub-sub storage writes), dropped as
/// soon as the last watcher goes. Each connection reads its own bounded queue, so a slow client never holds up
/// delivery to the others; when its queue is full its oldest events are dropped (the consumer sees a version gap
/// and resynchronises from state).
/// </summary>
internal sealed partial class LiveFeed : IDisposable
{
    public const string MeterName = "PrivateLending.Api.Live";

    private readonly Lock _gate = new();
    private readonly Dictionary<StreamId, Topic> _topics = [];
    private readonly IClusterClient _cluster;
    private readonly LiveSettings _settings;
    private readonly ILogger<LiveFeed> _logger;
    private readonly Meter _meter;
    private int _listeners;
    private int _subscriptions;

    public LiveFeed(IClusterClient cluster, IOptions<LiveSettings> settings, ILogger<LiveFeed> logger, IMeterFactory meters)
    {
        _cluster = cluster;
        _settings = settings.Value;
        _logger = logger;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableUpDownCounter("privatelending.live.listeners", () => Listeners,
            description: "Open event-stream connections on this instance.");
        _meter.CreateObservableUpDownCounter("privatelending.live.stream_subscriptions", () => StreamSubscriptions,
            description: "Orleans stream subscriptions this instance holds for them.");
    }

    /// <summary>Connections currently listening.</summary>
    public int Listeners => Volatile.Read(ref _listeners);

    /// <summary>Orleans stream subscriptions currently held (at most one per watched stream).</summary>
    public int StreamSubscriptions => Volatile.Read(ref _subscriptions);

    public static StreamId LoanStream(Guid loanId) => StreamId.Create(StorageNames.LoanStreamNamespace, loanId);

    public static StreamId BorrowerStream(Guid userId) => StreamId.Create(StorageNames.BorrowerStreamNamespace, userId);

    public static StreamId InviteeStream(string emailKey) => StreamId.Create(StorageNames.InviteeStreamNamespace, emailKey);

    /// <summary>Starts listening to <paramref name="streams"/>; returns once every subscription is in place.</summary>
    public async Task<LiveListener> ListenAsync(IReadOnlyList<StreamId> streams, CancellationToken cancellationToken)
    {
        var listener = new LiveListener(this, _settings.ClientBufferSize);
        lock (_gate)
        {
            _listeners++;
        }

        try
        {
            await AttachAsync(listener, streams, cancellationToken);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        return listener;
    }

    /// <summary>
    /// Adds <paramref name="streams"/> to an open listener (streams it already has are skipped); returns once their
    /// subscriptions are in place. The listener's disposal gives them back like the ones it started with.
    /// </summary>
    public async Task AttachAsync(LiveListener listener, IReadOnlyList<StreamId> streams, CancellationToken cancellationToken)
    {
        var ready = new List<Task>(streams.Count);
        lock (_gate)
        {
            // A disposed listener has been detached already; attaching now would leak its topics.
            ObjectDisposedException.ThrowIf(listener.IsDisposed, listener);
            foreach (var id in streams)
            {
                if (listener.Topics.Exists(t => t.Id == id))
                {
                    continue;
                }

                if (!_topics.TryGetValue(id, out var topic))
                {
                    topic = new Topic(id);
                    _topics[id] = topic;
                    // Started outside the lock: subscribing is a round trip to the cluster.
                    topic.Subscription = Task.Run(() => SubscribeAsync(topic));
                }

                topic.Listeners = topic.Listeners.Add(listener);
                listener.Topics.Add(topic);
                ready.Add(topic.Subscription);
            }
        }

        await Task.WhenAll(ready).WaitAsync(cancellationToken);
    }

    public void Dispose() => _meter.Dispose();

    internal async Task DetachAsync(LiveListener listener)
    {
        var emptied = new List<Topic>();
        lock (_gate)
        {
            listener.MarkDisposed();
            foreach (var topic in listener.Topics)
            {
                topic.Listeners = topic.Listeners.Remove(listener);
                if (topic.Listeners.IsEmpty && _topics.TryGetValue(topic.Id, out var current) && current == topic)
                {
                    _topics.Remove(topic.Id);
                    emptied.Add(topic);
                }
            }

            listener.Topics.Clear();
            _listeners--;
        }

        foreach (var topic in emptied)
        {
            await UnsubscribeAsync(topic);
        }
    }

    private async Task<StreamSubscriptionHandle<LoanFundingEvent>> SubscribeAsync(Topic topic)
    {
        var stream = _cluster.GetStreamProvider(StorageNames.Streams).GetStream<LoanFundingEvent>(topic.Id);
        var handle = await stream.SubscribeAsync((item, _) =>
        {
            foreach (var listener in topic.Listeners)
            {
                listener.Offer(item);
            }

            return Task.CompletedTask;
        });
        Interlocked.Increment(ref _subscriptions);
        return handle;
    }

    private async Task UnsubscribeAsync(Topic topic)
    {
        try
        {
            var handle = await topic.Subscription;
            try
            {
                await handle.UnsubscribeAsync();
            }
            finally
            {
                Interlocked.Decrement(ref _subscriptions);
            }
        }
        catch (Exception ex)
        {
            // The subscription failed or the cluster is gone; pub-sub forgets dead client subscriptions itself.
            LogUnsubscribeFailed(_logger, topic.Id.ToString(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drop the live subscription to {Stream}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string stream, Exception exception);

    internal sealed class Topic(StreamId id)
    {
        public StreamId Id { get; } = id;

        /// <summary>Replaced, never changed in place, so delivery can read it without the lock.</summary>
        public System.Collections.Immutable.ImmutableArray<LiveListener> Listeners { get; set; } = [];

        public Task<StreamSubscriptionHandle<LoanFundingEvent>> Subscription { get; set; } = null!;
    }
}

/// <summary>One connection's view of the feed: its queue of events, and its subscriptions to give back.</summary>
internal sealed class LiveListener(LiveFeed feed, int capacity) : IAsyncDisposable
{
    private readonly Channel<LoanFundingEvent> _queue = Channel.CreateBounded<LoanFundingEvent>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private int _disposed;

    public ChannelReader<LoanFundingEvent> Events => _queue.Reader;

    /// <summary>Streams it listens to; changed only under the feed's lock.</summary>
    internal List<LiveFeed.Topic> Topics { get; } = [];

    /// <summary>Set under the feed's lock once detached, so no stream is attached afterwards.</summary>
    internal bool IsDisposed { get; private set; }

    internal void MarkDisposed() => IsDisposed = true;

    public void Offer(LoanFundingEvent item) => _queue.Writer.TryWrite(item);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            await feed.DetachAsync(this);
        }
    }
}
