using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// While the outbox holds updates, a durable reminder exists, so a crash after the write (or an activation that
/// dies with failed deliveries) cannot leave indexes stale until someone happens to touch the loan: the reminder
/// activates the loan somewhere in the cluster, activation sends the stored outbox, and an empty outbox removes it.
/// </summary>
public sealed partial class LoanGrain
{
    /// <summary>The reminder's name; one per loan.</summary>
    internal const string OutboxReminderName = "outbox";

    private bool _outboxReminderRegistered;

    /// <summary>
    /// Registers the reminder before a write that leaves updates in the outbox: registered first, it exists whenever
    /// such a write does. Once per activation; a reminder left by an earlier activation is simply updated.
    /// </summary>
    private async Task EnsureOutboxReminderAsync(LoanState next)
    {
        if (next.Outbox.Count == 0 || _outboxReminderRegistered)
        {
            return;
        }

        var period = ServiceProvider.GetService<IOptions<OutboxReminderOptions>>()?.Value.Period ?? new OutboxReminderOptions().Period;
        try
        {
            await this.RegisterOrUpdateReminder(OutboxReminderName, period, period);
            _outboxReminderRegistered = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The command still goes ahead: its outbox is stored, and the next activation or write delivers it.
            LogReminderFailed(logger, this.GetPrimaryKey(), ex);
        }
    }

    /// <summary>The outbox reminder's tick (dispatched from <see cref="ReceiveReminder"/>).</summary>
    private async Task OnOutboxReminderAsync()
    {
        if (_current.Outbox.Count > 0)
        {
            await DeliverAsync();
        }

        if (_current.Outbox.Count == 0)
        {
            await RemoveOutboxReminderAsync();
        }
    }

    /// <summary>
    /// The retry timer's tick: it runs only after a failed or unfinished delivery (or an activation that found the
    /// outbox non-empty), so when it empties the outbox the reminder that guarded it goes at once rather than at its
    /// next period. Deliveries right after a write keep the reminder for the activation's next write.
    /// </summary>
    private async Task RetryDeliveryAsync()
    {
        await DeliverAsync();
        if (_current.Outbox.Count == 0)
        {
            await RemoveOutboxReminderAsync();
        }
    }

    /// <summary>Everything acknowledged (or parked): stop waking this loan. A later write registers the reminder again.</summary>
    private async Task RemoveOutboxReminderAsync()
    {
        if (await this.GetReminder(OutboxReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _outboxReminderRegistered = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: could not register the outbox reminder; delivery relies on the next activation")]
    private static partial void LogReminderFailed(ILogger logger, Guid loanId, Exception exception);
}
