using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>
/// Delivers one loan activation's outbox: right after each write, then from a retry timer with backoff until every
/// message is acknowledged. While messages wait, a durable reminder exists (registered before the write that left
/// them), so a crash cannot leave receivers stale until someone happens to touch the loan: the reminder activates
/// the loan, activation resumes delivery, and an empty outbox removes the reminder. A message its receiver refuses
/// for good is parked instead of retried forever (<see cref="LoanParking"/>), and stored by a write of its own.
/// </summary>
internal sealed partial class LoanOutboxDelivery
{
    /// <summary>The reminder's name; one per loan.</summary>
    public const string ReminderName = "outbox";

    private readonly IGrainBase _grain;
    private readonly LoanOutboxDispatcher _dispatcher;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _reminderPeriod;
    private readonly ILogger _logger;
    private readonly Func<LoanState> _current;
    private readonly Func<Task> _storeParked;
    private readonly Func<Func<Task>, Task> _alone;
    private readonly OutboxSender<OutboxMessage> _sender;
    private IGrainTimer? _parkingTimer;
    private bool _parkedUnsaved;
    private bool _reminderRegistered;

    /// <param name="grain">The loan (its timers and reminders).</param>
    /// <param name="dispatcher">Sends each kind of message.</param>
    /// <param name="clock">Bounds how long a command waits for its deliveries.</param>
    /// <param name="reminderPeriod">How often the reminder wakes a loan whose outbox is not empty.</param>
    /// <param name="logger">The loan's logger.</param>
    /// <param name="current">The loan's committed state, whose outbox is sent.</param>
    /// <param name="storeParked">Writes the committed state as it is (parked messages out of the outbox).</param>
    /// <param name="alone">
    /// Runs a timer turn's work alone in the loan's write pipeline: a retry changes the committed outbox in memory and
    /// the parking turn writes, so neither may run while a batch of commands is in flight.
    /// </param>
    public LoanOutboxDelivery(IGrainBase grain, LoanOutboxDispatcher dispatcher, TimeProvider clock, TimeSpan reminderPeriod,
        ILogger logger, Func<LoanState> current, Func<Task> storeParked, Func<Func<Task>, Task> alone)
    {
        (_grain, _dispatcher, _clock, _reminderPeriod, _logger, _current, _storeParked, _alone) =
            (grain, dispatcher, clock, reminderPeriod, logger, current, storeParked, alone);
        // A retry that empties the outbox removes the reminder at once rather than at its next period; deliveries
        // right after a write keep it for the activation's next write.
        _sender = new OutboxSender<OutboxMessage>(grain, clock, () => _current().Outbox, LoanOutbox.Batches, SendAsync, RemoveReminderIfEmptyAsync,
            m => m.AfterAnswer, alone);
    }

    /// <summary>
    /// Registers the reminder before a write that leaves messages in the outbox: registered first, it exists whenever
    /// such a write does. Once per activation; a reminder left by an earlier activation is simply updated.
    /// </summary>
    public async Task EnsureReminderAsync(LoanState next)
    {
        if (next.Outbox.Count == 0 || _reminderRegistered)
        {
            return;
        }

        try
        {
            await _grain.RegisterOrUpdateReminder(ReminderName, _reminderPeriod, _reminderPeriod);
            _reminderRegistered = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The command still goes ahead: its outbox is stored, and the next activation or write delivers it.
            LogReminderFailed(_logger, next.LoanId, ex);
        }
    }

    /// <summary>Sends the outbox, one call per destination in parallel; what is not acknowledged is retried with backoff.</summary>
    public Task DeliverAsync() => _sender.DeliverAsync();

    /// <summary>The reminder's tick: deliver, and once the outbox is empty stop waking this loan.</summary>
    public async Task OnReminderAsync()
    {
        await DeliverAsync();
        await RemoveReminderIfEmptyAsync();
    }

    private async Task<bool> SendAsync(List<OutboxMessage> batch)
    {
        try
        {
            if (!await batch[0].SendAsync(_dispatcher, batch))
            {
                // Taken but not finished (a mail not yet sent): kept, and asked again by the retry.
                return false;
            }
        }
        catch (Exception ex)
        {
            if (DeliveryFailures.PermanentReason(ex) is { } reason)
            {
                Park(batch, reason);
                return true;
            }

            LogDeliveryFailed(_logger, _current().LoanId, batch[0].Kind, batch.Count, ex);
            return false;
        }

        // Delivered: forget them in memory only; the next command's write persists the removal. Until then a new
        // activation re-sends them, which receivers ignore (no write): cheaper and safer than a write on deactivation.
        var loan = _current();
        LoanOutbox.Remove(loan, batch.Select(m => m.Seq).ToHashSet());
        LoanParking.Delivered(loan, batch);
        return true;
    }

    /// <summary>Moves refused messages to the parked list in memory, reports them, and schedules the write that stores it.</summary>
    private void Park(List<OutboxMessage> batch, string reason)
    {
        var loan = _current();
        LoanParking.Park(loan, batch, reason, _clock.GetUtcNow());
        foreach (var message in batch)
        {
            LogParked(_logger, loan.LoanId, message.Kind, message.Subject, message.LoanVersion, reason);
        }

        OutboxMetrics.Parked.Add(batch.Count, new("kind", batch[0].Kind), new("reason", reason));
        _parkedUnsaved = true;
        var options = new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true };
        if (_parkingTimer is null)
        {
            _parkingTimer = _grain.RegisterGrainTimer(_ => _alone(StoreParkedAsync), options);
        }
        else
        {
            _parkingTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A write of its own, in a timer turn (never a second write inside a command), stores the parked list.</summary>
    private async Task StoreParkedAsync()
    {
        if (!_parkedUnsaved)
        {
            return;
        }

        _parkedUnsaved = false;
        await _storeParked();
        await RemoveReminderIfEmptyAsync();
    }

    /// <summary>Everything acknowledged (or parked): stop waking this loan. A later write registers the reminder again.</summary>
    private async Task RemoveReminderIfEmptyAsync()
    {
        if (_current().Outbox.Count > 0)
        {
            return;
        }

        if (await _grain.GetReminder(ReminderName) is { } reminder)
        {
            await _grain.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: {Count} parked message(s) re-queued by an operator")]
    internal static partial void LogRequeued(ILogger logger, Guid loanId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: could not register the outbox reminder; delivery relies on the next activation")]
    private static partial void LogReminderFailed(ILogger logger, Guid loanId, Exception exception);

    // Destinations are not logged: a lender's is the email address itself (keyed only when sent).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: {Count} {Kind} message(s) failed; will retry")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid loanId, string kind, int count, Exception exception);

    // No destination and no exception text: a lender index is keyed by an email address, and so is its grain id.
    [LoggerMessage(Level = LogLevel.Error,
        Message = "Loan {LoanId}: {Kind} message {Subject} (loan version {LoanVersion}) refused permanently ({Reason}); parked, not retried")]
    private static partial void LogParked(ILogger logger, Guid loanId, string kind, string subject, long loanVersion, string reason);
}
