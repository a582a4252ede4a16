using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// An ACTIVE loan's daily look at its installments: lateness and default follow from the date alone, so a loan
/// nobody touches must still record them (webhooks, history). A durable reminder, registered before the
/// disbursement is written (a stored ACTIVE loan always has one) and removed once the loan is COMPLETED.
/// </summary>
internal sealed partial class LoanServicingReminder(IGrainBase grain, TimeProvider clock, TimeSpan period, ILogger logger)
{
    /// <summary>The reminder's name; the loan's other reminders have their own.</summary>
    public const string ReminderName = "servicing-check";

    /// <summary>First tick shortly after the next UTC midnight (a new day is when an installment can become late), then every period.</summary>
    public Task RegisterAsync()
    {
        var now = clock.GetUtcNow();
        var untilMidnight = now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
        return grain.RegisterOrUpdateReminder(ReminderName, untilMidnight + TimeSpan.FromMinutes(1), period);
    }

    /// <summary>Unregisters the reminder; if that fails, its next tick finds the loan completed and tries again.</summary>
    public async Task EndAsync(Guid loanId)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: the servicing reminder could not be removed; its next tick retries")]
    private static partial void LogReminderNotRemoved(ILogger logger, Guid loanId, Exception exception);
}
