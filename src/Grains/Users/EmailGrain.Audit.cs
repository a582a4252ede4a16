using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Users;

/// <summary>
/// The account's audit outbox: entries written with each change, sent to the audit log right after the write and
/// then from a retry timer (and on every activation) until acknowledged.
/// </summary>
public sealed partial class EmailGrain
{
    private RetryTimer? _audit;

    private void StartAuditDelivery()
    {
        _audit = new RetryTimer(this, _ => DeliverAuditAsync(), interleave: false);
        if (state.State.AuditOutbox.Count > 0)
        {
            _audit.Soon();
        }
    }

    private async Task DeliverAuditAsync()
    {
        var pending = state.State.AuditOutbox;
        if (pending.Count == 0 || _audit is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IAuditLogGrain>(0).AppendAsync([.. pending]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAuditDeliveryFailed(logger, state.State.UserId, pending.Count, ex);
            _audit.Backoff();
            return;
        }

        // Acknowledged: forget them in memory; the account's next write stores the removal. Until then a new
        // activation re-sends them, which the audit store ignores (same ids): no extra write per change.
        var sent = pending.Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal);
        state.State.AuditOutbox = [.. state.State.AuditOutbox.Where(e => !sent.Contains(e.EntryId))];
        _audit.Succeeded();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: {Count} audit entr(ies) not delivered; will retry")]
    private static partial void LogAuditDeliveryFailed(ILogger logger, Guid userId, int count, Exception exception);
}
