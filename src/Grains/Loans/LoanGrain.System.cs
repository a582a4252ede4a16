using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// What happens to a loan without a user's command: its reminders (funding deadline, outbox, servicing check), the
/// deadline's expiry, and operators' handling of parked outbox messages. Each goes through the same write step.
/// </summary>
public sealed partial class LoanGrain
{
    public Task<OutboxReport> GetOutboxReportAsync() => Task.FromResult(LoanParking.Report(_current));

    public Task<int> RequeueParkedAsync() => ExclusiveAsync(RequeueParkedAloneAsync);

    private async Task<int> RequeueParkedAloneAsync()
    {
        if (_current.Parked.Count == 0)
        {
            return 0;
        }

        var next = _current.Clone();
        var requeued = LoanParking.Requeue(next);
        await CommitAsync(next, []);
        LoanOutboxDelivery.LogRequeued(logger, next.LoanId, requeued);
        await _outbox.DeliverAsync();
        return requeued;
    }

    /// <summary>One entry point for every reminder of this grain; a reminder it does not know is left alone (a newer build may own it).</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName switch
        {
            LoanDeadline.ReminderName => ExclusiveAsync(OnDeadlineAsync),
            LoanOutboxDelivery.ReminderName => ExclusiveAsync(_outbox.OnReminderAsync),
            LoanServicingReminder.ReminderName => ExclusiveAsync(OnServicingReminderAsync),
            _ => Task.CompletedTask,
        };

    /// <summary>The deadline's timer turn, alone in the write pipeline like every change that is not a hot command.</summary>
    private Task OnDeadlineTimerAsync() => ExclusiveAsync(OnDeadlineAsync);

    /// <summary>Before every command, and at the deadline: a due loan is expired by its own write, so the command sees EXPIRED.</summary>
    private async Task ExpireIfDueAsync()
    {
        var next = _current.Clone();
        var changes = new List<LoanChange>();
        if (FundingDeadlines.Expire(next, clock.GetUtcNow(), changes))
        {
            await CommitAsync(next, changes);
            LoanDeadline.LogExpired(logger, next.LoanId, next.Version);
            await _outbox.DeliverAsync();
        }
    }

    /// <summary>Deadline reached (reminder or timer): expire the loan if still due; once it is no longer PENDING, drop both.</summary>
    private async Task OnDeadlineAsync()
    {
        if (FundingDeadlines.IsDue(_current, clock.GetUtcNow()))
        {
            await ExpireIfDueAsync();
        }
        else if (!FundingDeadlines.IsOpen(_current))
        {
            await _deadline.EndAsync(_current.LoanId);
        }
    }
}
