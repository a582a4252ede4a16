using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// The webhook's audit outbox: entries written with each change (<see cref="WebhookAudit"/>), sent to the audit
/// log after the write, then from a retry timer and on every activation until acknowledged.
/// </summary>
public sealed partial class WebhookGrain
{
    private RetryTimer? _audit;

    private void StartAuditDelivery()
    {
        _audit = new RetryTimer(this, _ => DeliverAuditAsync(), interleave: false);
        if (_current.AuditOutbox.Count > 0)
        {
            _audit.Soon();
        }
    }

    private async Task DeliverAuditAsync()
    {
        var pending = _current.AuditOutbox;
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
            LogAuditDeliveryFailed(logger, this.GetPrimaryKey(), pending.Count, ex);
            _audit.Backoff();
            return;
        }

        // Acknowledged: forgotten in memory; the next write stores the removal, and until then a new activation
        // re-sends them, which the audit store ignores (same ids).
        var sent = pending.Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal);
        _current.AuditOutbox = [.. _current.AuditOutbox.Where(e => !sent.Contains(e.EntryId))];
        _audit.Succeeded();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: {Count} audit entr(ies) not delivered; will retry")]
    private static partial void LogAuditDeliveryFailed(ILogger logger, Guid webhookId, int count, Exception exception);
}
