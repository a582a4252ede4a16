using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Index updates their target refuses for good are parked, not retried forever: out of the outbox, into the loan's
/// parked list, logged at Error and counted (<see cref="OutboxMetrics.Parked"/>). A write of its own, in a timer turn
/// right after (never a second write inside a command), stores both, so a new activation neither re-sends nor
/// forgets them; once the outbox is empty the reminder goes and the loan deactivates like any idle grain.
/// </summary>
public sealed partial class LoanGrain : ILoanParkingGrain
{
    private bool _parkedUnsaved;
    private IGrainTimer? _parkingTimer;

    public Task<OutboxReport> GetOutboxReportAsync()
    {
        var loan = _current;
        return Task.FromResult(new OutboxReport(loan.Outbox.Count, [.. loan.Parked.Select(p =>
            new ParkedUpdateView(p.Update.Kind, p.Update.ParticipantId, p.Update.LoanVersion, p.Update.Status, p.Update.LoanStatus, p.ParkedAt, p.Reason))]));
    }

    public async Task<int> RequeueParkedAsync()
    {
        if (_current.Parked.Count == 0)
        {
            return 0;
        }

        var next = _current.Clone();
        var requeued = LoanParking.Requeue(next);
        await CommitAsync(next);
        LogRequeued(logger, this.GetPrimaryKey(), requeued);
        await DeliverAsync();
        return requeued;
    }

    /// <summary>Moves refused updates to the parked list in memory, reports them, and schedules the write that stores it.</summary>
    private void Park(IndexTarget kind, List<PendingIndexUpdate> updates, string reason)
    {
        var now = clock.GetUtcNow();
        LoanParking.Park(_current, updates, reason, now);
        if (!ReferenceEquals(state.State, _current))
        {
            LoanParking.Park(state.State, updates, reason, now);
        }

        foreach (var update in updates)
        {
            LogParked(logger, this.GetPrimaryKey(), kind, update.ParticipantId, update.LoanVersion, reason);
        }

        OutboxMetrics.Parked.Add(updates.Count, new("kind", kind.ToString()), new("reason", reason));
        _parkedUnsaved = true;
        var options = new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true };
        if (_parkingTimer is null)
        {
            _parkingTimer = this.RegisterGrainTimer(_ => StoreParkedAsync(), options);
        }
        else
        {
            _parkingTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The write that stores the parked list and the shorter outbox (no version change: nothing happened to the loan).</summary>
    private async Task StoreParkedAsync()
    {
        if (!_parkedUnsaved)
        {
            return;
        }

        _parkedUnsaved = false;
        var next = _current.Clone();
        await _writer.CommitAsync(this, next);
        _current = next;
        if (_current.Outbox.Count == 0)
        {
            await RemoveOutboxReminderAsync();
        }
    }

    // No target and no exception text: a lender index is keyed by an email address, and so is its grain id.
    [LoggerMessage(Level = LogLevel.Error,
        Message = "Loan {LoanId}: update of participant {ParticipantId} (loan version {LoanVersion}) to a {Kind} index refused permanently ({Reason}); parked, not retried")]
    private static partial void LogParked(ILogger logger, Guid loanId, IndexTarget kind, Guid participantId, long loanVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: {Count} parked update(s) re-queued by an operator")]
    private static partial void LogRequeued(ILogger logger, Guid loanId, int count);
}
