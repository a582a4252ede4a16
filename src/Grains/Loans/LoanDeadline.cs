using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// One loan activation's funding deadline. A durable reminder (in the cluster's reminder table) is registered before
/// the loan is first written, due at the deadline, so a stored PENDING loan always has one — it fires on the silo that
/// owns it, wherever the loan lives, and survives restarts and silo deaths. While the loan is active a grain timer also
/// fires at the deadline (reminders re-read after a silo death tick on their period, not at their due time). Every
/// command first expires a due loan, so the deadline holds to the second whichever of them fires first.
/// </summary>
internal sealed partial class LoanDeadline(IGrainBase grain, TimeProvider clock, FundingDeadlineOptions options, ILogger logger)
{
    /// <summary>The reminder's name; other reminders of the loan have their own names.</summary>
    public const string ReminderName = "funding-deadline";

    private IGrainTimer? _timer;

    /// <summary>Registers the reminder for a loan about to be stored with a deadline (before the write: see the class).</summary>
    public Task RegisterAsync(DateTimeOffset deadline) =>
        grain.RegisterOrUpdateReminder(ReminderName, FundingDeadlines.Until(deadline, clock.GetUtcNow()), options.RetryPeriod);

    /// <summary>While active and the deadline is open, a timer calls <paramref name="due"/> at the deadline too.</summary>
    public void Arm(LoanState loan, Func<Task> due)
    {
        if (!FundingDeadlines.IsOpen(loan) || _timer is not null)
        {
            return;
        }

        _timer = grain.RegisterGrainTimer(
            _ => due(),
            new GrainTimerCreationOptions(FundingDeadlines.Until(loan.FundingDeadline!.Value, clock.GetUtcNow()), Timeout.InfiniteTimeSpan)
            {
                Interleave = false,
                KeepAlive = false,
            });
    }

    /// <summary>Stops the timer and unregisters the reminder; if that fails, its next tick finds the loan settled and tries again.</summary>
    public async Task EndAsync(Guid loanId)
    {
        _timer?.Dispose();
        _timer = null;
        try
        {
            if (await grain.GetReminder(ReminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReminderNotRemoved(logger, loanId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loan {LoanId} expired at its funding deadline (version {Version})")]
    internal static partial void LogExpired(ILogger logger, Guid loanId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: the funding-deadline reminder could not be removed; its next tick retries")]
    private static partial void LogReminderNotRemoved(ILogger logger, Guid loanId, Exception exception);
}
