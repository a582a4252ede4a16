using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Audit;

/// <summary>
/// Sends a grain's audit outbox (entries queued in the grain's own writes) to the audit log, and again from a retry
/// timer with backoff until acknowledged. Acknowledged entries are forgotten in memory only: the grain's next write
/// stores the removal, and until then a new activation re-sends them, which the audit store ignores (same ids).
/// </summary>
internal sealed class AuditOutboxSender
{
    private readonly IGrainFactory _grains;
    private readonly Func<List<AuditEntry>> _pending;
    private readonly Action<IReadOnlySet<string>> _acknowledged;
    private readonly Action<int, Exception> _failed;
    private readonly RetryTimer _retry;

    /// <param name="grain">The grain that owns the outbox (its timer retries).</param>
    /// <param name="grains">The grain's factory, to reach the audit log.</param>
    /// <param name="pending">The entries not yet acknowledged, as the grain holds them now.</param>
    /// <param name="acknowledged">Removes the acknowledged entry ids from the grain's state.</param>
    /// <param name="failed">Reports a failed delivery (count, cause); it is retried.</param>
    public AuditOutboxSender(IGrainBase grain, IGrainFactory grains, Func<List<AuditEntry>> pending, Action<IReadOnlySet<string>> acknowledged, Action<int, Exception> failed)
    {
        _grains = grains;
        _pending = pending;
        _acknowledged = acknowledged;
        _failed = failed;
        _retry = new RetryTimer(grain, _ => DeliverAsync(), interleave: false);
        if (pending().Count > 0)
        {
            // Entries stored by an earlier activation and never acknowledged: send them after this turn.
            _retry.Soon();
        }
    }

    /// <summary>Delivers after the current turn (off the caller's path).</summary>
    public void Soon() => _retry.Soon();

    /// <summary>Delivers now; a failure is reported and retried with backoff, never thrown.</summary>
    public async Task DeliverAsync()
    {
        var pending = _pending();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await _grains.GetGrain<IAuditLogGrain>(0).AppendAsync([.. pending]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failed(pending.Count, ex);
            _retry.Backoff();
            return;
        }

        _acknowledged(pending.Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal));
        _retry.Succeeded();
    }
}
