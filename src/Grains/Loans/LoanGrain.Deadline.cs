using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The funding deadline. A durable reminder (in the cluster's reminder table) is registered before the loan is
/// first written, due at the deadline, so a stored PENDING loan always has one — it fires on the silo that owns it,
/// wherever this grain lives, and survives restarts and silo deaths. While the grain is active a grain timer also
/// fires at the deadline (reminders re-read after a silo death tick on their period, not at their due time). Every
/// command first expires a due loan, so the deadline holds to the second whichever of them fires first.
/// </summary>
public sealed partial class LoanGrain : IRemindable
{
    /// <summary>The reminder's name; other reminders of this grain get their own names.</summary>
    public const string DeadlineReminder = "funding-deadline";

    private IGrainTimer? _deadlineTimer;

    /// <summary>
    /// One entry point for every reminder of this grain (a grain has one <c>ReceiveReminder</c>): dispatch by name.
    /// A reminder this grain no longer knows is left alone (a newer build may own it).
    /// </summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName switch
        {
            DeadlineReminder => OnDeadlineAsync(),
            OutboxReminderName => OnOutboxReminderAsync(),
            _ => Task.CompletedTask,
        };

    /// <summary>Registers the reminder for a loan about to be stored with a deadline (before the write: see the class).</summary>
    private async Task RegisterDeadlineAsync(DateTimeOffset deadline)
    {
        await this.RegisterOrUpdateReminder(DeadlineReminder, FundingDeadlines.Until(deadline, clock.GetUtcNow()), deadlines.Value.RetryPeriod);
    }

    /// <summary>While active and the deadline is open, a timer fires at the deadline too.</summary>
    private void ArmDeadlineTimer()
    {
        if (!FundingDeadlines.IsOpen(_current) || _deadlineTimer is not null)
        {
            return;
        }

        _deadlineTimer = this.RegisterGrainTimer(
            _ => OnDeadlineAsync(),
            new GrainTimerCreationOptions(FundingDeadlines.Until(_current.FundingDeadline!.Value, clock.GetUtcNow()), Timeout.InfiniteTimeSpan)
            {
                Interleave = false,
                KeepAlive = false,
            });
    }

    /// <summary>Deadline reached (reminder or timer): expire the loan if still due; once it is no longer PENDING, drop both.</summary>
    private async Task OnDeadlineAsync()
    {
        if (FundingDeadlines.IsDue(_current, clock.GetUtcNow()))
        {
            await ExpireIfDueAsync();
            return;
        }

        if (!FundingDeadlines.IsOpen(_current))
        {
            await EndDeadlineAsync();
        }
    }

    /// <summary>Called before every command: a loan past its deadline is expired first (its own write), so the command sees EXPIRED.</summary>
    private async Task ExpireIfDueAsync()
    {
        var next = _current.Clone();
        if (!FundingDeadlines.Expire(next, clock.GetUtcNow()))
        {
            return;
        }

        await CommitAsync(next);
        LogExpired(logger, next.LoanId, next.Version);
        await DeliverAsync();
    }

    /// <summary>Called after each write: once the loan leaves PENDING (funded, cancelled, expired) the deadline is moot.</summary>
    private async Task OnCommittedAsync(LoanStatus before)
    {
        if (before == LoanStatus.Pending && _current.Status != LoanStatus.Pending)
        {
            await EndDeadlineAsync();
        }
    }

    /// <summary>Stops the timer and unregisters the reminder; if that fails, its next tick finds the loan settled and tries again.</summary>
    private async Task EndDeadlineAsync()
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        try
        {
            if (await this.GetReminder(DeadlineReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReminderNotRemoved(logger, this.GetPrimaryKey(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loan {LoanId} expired at its funding deadline (version {Version})")]
    private static partial void LogExpired(ILogger logger, Guid loanId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: the funding-deadline reminder could not be removed; its next tick retries")]
    private static partial void LogReminderNotRemoved(ILogger logger, Guid loanId, Exception exception);
}
