using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Audit;

namespace PrivateLending.Grains.Users;

/// <summary>The account's audit outbox (<see cref="UserAudit"/>), sent by the shared outbox sender (<see cref="AuditOutbox"/>).</summary>
public sealed partial class AccountGrain
{
    private Common.OutboxSender<Abstractions.Audit.AuditEntry>? _audit;

    private void StartAuditDelivery() =>
        _audit = AuditOutbox.Sender(this, GrainFactory, clock, () => state.State.AuditOutbox,
            sent => state.State.AuditOutbox = [.. state.State.AuditOutbox.Where(e => !sent.Contains(e.EntryId))],
            (count, ex) => LogAuditDeliveryFailed(logger, state.State.UserId, count, ex));

    private Task DeliverAuditAsync() => _audit?.DeliverAsync() ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: {Count} audit entr(ies) not delivered; will retry")]
    private static partial void LogAuditDeliveryFailed(ILogger logger, Guid userId, int count, Exception exception);
}
