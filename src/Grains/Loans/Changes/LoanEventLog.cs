using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>
/// The business events of the log, one more projection of the changes: every committed change is one Information line
/// with one message template, so a log store groups them by <c>LoanEvent</c> (the name webhooks and history use:
/// <c>loan.created</c>, <c>lender.invited</c>, <c>participant.accepted</c>, <c>loan.funded</c>, <c>loan.disbursed</c>,
/// <c>repayment.received</c>, <c>loan.completed</c>, …). Only ids: the loan, the participation it concerns and the user
/// who did it (none for what the system did), never an email address or an amount.
/// </summary>
internal static partial class LoanEventLog
{
    /// <summary>Logs <paramref name="changes"/> once stored; <paramref name="request"/> names the user who asked.</summary>
    public static void Write(ILogger logger, LoanState committed, IReadOnlyList<LoanChange> changes, AuditRequest? request)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var change in changes)
        {
            LogChange(logger, change.Name, committed.LoanId, committed.Version, change.ParticipantId, change.BySystem ? null : request?.ActorId, request?.RequestId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loan event {LoanEvent}: loan {LoanId} version {LoanVersion}, participant {ParticipantId}, user {UserId}, request {RequestId}")]
    private static partial void LogChange(ILogger logger, string loanEvent, Guid loanId, long loanVersion, Guid? participantId, Guid? userId, string? requestId);
}
