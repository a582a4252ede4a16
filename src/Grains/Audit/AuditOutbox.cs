using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Audit;

/// <summary>An account's or webhook's audit entries, sent to the audit log by an <see cref="OutboxSender{T}"/> in one batch.</summary>
internal static class AuditOutbox
{
    /// <param name="grain">The grain that owns the outbox.</param>
    /// <param name="grains">The grain's factory, to reach the audit log.</param>
    /// <param name="clock">Bounds the wait for the audit log.</param>
    /// <param name="pending">The entries not yet acknowledged, as the grain holds them now.</param>
    /// <param name="acknowledged">Removes the acknowledged entry ids from the grain's state.</param>
    /// <param name="failed">Reports a failed delivery (count, cause); it is retried.</param>
    public static OutboxSender<AuditEntry> Sender(IGrainBase grain, IGrainFactory grains, TimeProvider clock, Func<List<AuditEntry>> pending,
        Action<IReadOnlySet<string>> acknowledged, Action<int, Exception> failed)
    {
        var log = grains.GetGrain<IAuditLogGrain>(0);
        return new OutboxSender<AuditEntry>(grain, clock, pending, entries => [[.. entries]], async batch =>
        {
            try
            {
                await log.AppendAsync([.. batch]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failed(batch.Count, ex);
                return false;
            }

            acknowledged(batch.Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal));
            return true;
        });
    }
}
