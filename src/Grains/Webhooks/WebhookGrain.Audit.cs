using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Audit;

namespace PrivateLending.Grains.Webhooks;

/// <summary>The webhook's audit outbox (<see cref="WebhookAudit"/>), sent by the shared outbox sender (<see cref="AuditOutbox"/>).</summary>
public sealed partial class WebhookGrain
{
    private Common.OutboxSender<Abstractions.Audit.AuditEntry>? _audit;

    private void StartAuditDelivery() =>
        _audit = AuditOutbox.Sender(this, GrainFactory, clock, () => _current.AuditOutbox,
            sent => _current.AuditOutbox = [.. _current.AuditOutbox.Where(e => !sent.Contains(e.EntryId))],
            (count, ex) => LogAuditDeliveryFailed(logger, this.GetPrimaryKey(), count, ex));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: {Count} audit entr(ies) not delivered; will retry")]
    private static partial void LogAuditDeliveryFailed(ILogger logger, Guid webhookId, int count, Exception exception);
}
