namespace PrivateLending.Grains.Common;

/// <summary>
/// Delivers a grain's outbox (entries stored in the grain's own writes, with the change that caused them): one call
/// per batch, in parallel, waited for at most <see cref="Delivery.Wait"/>, then again from a retry timer with backoff
/// until every batch is settled. Settled entries are forgotten in memory by <c>send</c>; the grain's next write stores
/// the removal, and until then a new activation sends them again, which receivers ignore. Used by every grain with an
/// outbox: loans (index updates, mail, webhooks, audit), accounts and webhooks (audit).
/// </summary>
internal sealed class OutboxSender<T>
{
    private readonly TimeProvider _clock;
    private readonly Func<IReadOnlyCollection<T>> _pending;
    private readonly Func<IReadOnlyCollection<T>, IEnumerable<List<T>>> _batches;
    private readonly Func<List<T>, Task<bool>> _send;
    private readonly Func<Task>? _afterRetry;
    private readonly Func<T, bool>? _afterAnswer;
    private readonly RetryTimer _retry;

    /// <param name="grain">The grain that owns the outbox (its timer retries).</param>
    /// <param name="clock">Bounds the wait for deliveries.</param>
    /// <param name="pending">The entries not yet settled, as the grain holds them now.</param>
    /// <param name="batches">How the entries are grouped into calls.</param>
    /// <param name="send">Sends one batch and forgets it once settled: true when delivered (or given up for good), false to retry. Never throws.</param>
    /// <param name="afterRetry">Runs after each retry (the loan removes its reminder once the outbox is empty).</param>
    /// <param name="afterAnswer">Entries <see cref="DeliverAsync"/> leaves to the timer turn right after it, off the caller's path.</param>
    /// <param name="alone">Runs the retry turn's work where the grain serialises its changes (a grain whose commands interleave).</param>
    public OutboxSender(IGrainBase grain, TimeProvider clock, Func<IReadOnlyCollection<T>> pending,
        Func<IReadOnlyCollection<T>, IEnumerable<List<T>>> batches, Func<List<T>, Task<bool>> send, Func<Task>? afterRetry = null,
        Func<T, bool>? afterAnswer = null, Func<Func<Task>, Task>? alone = null)
    {
        (_clock, _pending, _batches, _send, _afterRetry, _afterAnswer) = (clock, pending, batches, send, afterRetry, afterAnswer);
        _retry = new RetryTimer(grain, _ => alone is null ? RetryAsync() : alone(RetryAsync), interleave: false);
        if (pending().Count > 0)
        {
            // Entries stored by an earlier activation and never acknowledged: send them after this turn.
            _retry.Soon();
        }
    }

    /// <summary>Delivers after the current turn (off the caller's path).</summary>
    public void Soon() => _retry.Soon();

    /// <summary>Delivers now (entries meant for after the answer right after this turn); what is not settled is retried with backoff, never thrown.</summary>
    public Task DeliverAsync() => SendPendingAsync(everything: false);

    private async Task SendPendingAsync(bool everything)
    {
        var pending = _pending();
        var now = everything || _afterAnswer is null ? pending.ToList() : pending.Where(e => !_afterAnswer(e)).ToList();
        if (now.Count < pending.Count)
        {
            _retry.Soon();
        }

        if (now.Count == 0)
        {
            return;
        }

        var sends = _batches(now).Select(_send).ToList();
        if (await Delivery.WaitAllAsync(sends, _clock))
        {
            _retry.Succeeded();
        }
        else
        {
            _retry.Backoff();
        }
    }

    private async Task RetryAsync()
    {
        await SendPendingAsync(everything: true);
        if (_afterRetry is not null)
        {
            await _afterRetry();
        }
    }
}
