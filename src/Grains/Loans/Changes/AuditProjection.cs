using System.Globalization;
using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>
/// One audit entry per change, named as the change. Its id is the change's name, subject and the loan version, so
/// the same change always gives the same id and a re-sent entry is a no-op in the audit store. Bank details are
/// never described.
/// </summary>
internal static class AuditProjection
{
    public static List<AuditEntry> Entries(LoanState after, IReadOnlyList<LoanChange> changes, DateTimeOffset now, AuditRequest? request)
    {
        var version = after.Version.ToString(CultureInfo.InvariantCulture);
        var entries = new List<AuditEntry>(changes.Count);
        foreach (var change in changes)
        {
            // A deadline passing is the system's doing, even when a user's command happened to notice it first.
            var actor = change.BySystem || after.UpdatedBy == Guid.Empty ? (Guid?)null : after.UpdatedBy;
            var (type, id) = change.ParticipantId is { } participant
                ? (AuditRecordTypes.Participant, participant)
                : (AuditRecordTypes.Loan, after.LoanId);
            entries.Add(new AuditEntry($"{change.Name}-{id:N}-v{version}", now, actor, change.Name, type, id.ToString(),
                ChangedFields.Of(change, after), change.BySystem ? null : request));
        }

        return entries;
    }
}
