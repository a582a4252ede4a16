using System.Globalization;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Derives the audit entries of each committed loan change by comparing the state before and after, so no
/// command can forget one: one entry for the loan when its own fields changed, one per participant that changed.
/// Entry ids are the record and the loan version, so the same change always gives the same ids. Bank details are
/// never compared or shown.
/// </summary>
internal static class LoanAudit
{
    /// <summary>The entries of <paramref name="after"/>'s new version; empty when the version did not move.</summary>
    public static List<AuditEntry> Entries(LoanState before, LoanState after, DateTimeOffset now, AuditRequest? request)
    {
        var entries = new List<AuditEntry>();
        if (after.Version == before.Version || !after.Exists)
        {
            return entries;
        }

        // A deadline passing is the system's doing, even when a user's command happened to notice it first.
        var bySystem = after.Status == LoanStatus.Expired && before.Status != LoanStatus.Expired;
        var actor = bySystem || after.UpdatedBy == Guid.Empty ? (Guid?)null : after.UpdatedBy;
        var from = bySystem ? null : request;
        var version = after.Version.ToString(CultureInfo.InvariantCulture);

        var loanChanges = LoanChanges(before, after);
        if (loanChanges.Count > 0)
        {
            entries.Add(new AuditEntry($"loan-{after.LoanId:N}-v{version}", now, actor, LoanAction(before, after),
                AuditRecordTypes.Loan, after.LoanId.ToString(), [.. loanChanges], from));
        }

        var old = before.Participants.ToDictionary(p => p.ParticipantId);
        foreach (var p in after.Participants)
        {
            var changes = new List<FieldChange>();
            string action;
            if (!old.TryGetValue(p.ParticipantId, out var was))
            {
                action = "participant.invited";
                Field(changes, "loan_id", null, after.LoanId.ToString());
                Field(changes, "email", null, p.Email);
                Field(changes, "contribution_amount", null, Text(p.ContributionAmount));
                Field(changes, "status", null, Text(p.Status));
                Field(changes, "lender_id", null, p.LenderId?.ToString());
            }
            else
            {
                Field(changes, "status", Text(was.Status), Text(p.Status));
                Field(changes, "lender_id", was.LenderId?.ToString(), p.LenderId?.ToString());
                Field(changes, "contribution_amount", Text(was.ContributionAmount), Text(p.ContributionAmount));
                action = was.Status != p.Status ? "participant." + p.Status.ToString().ToLowerInvariant()
                    : was.LenderId != p.LenderId ? "participant.linked"
                    : "participant.updated";
            }

            if (changes.Count > 0)
            {
                entries.Add(new AuditEntry($"participant-{p.ParticipantId:N}-v{version}", now, actor, action,
                    AuditRecordTypes.Participant, p.ParticipantId.ToString(), [.. changes], from));
            }
        }

        return entries;
    }

    private static List<FieldChange> LoanChanges(LoanState before, LoanState after)
    {
        var was = before.Exists;
        var changes = new List<FieldChange>();
        Field(changes, "borrower_id", was ? before.BorrowerId.ToString() : null, after.BorrowerId.ToString());
        Field(changes, "amount", was ? Text(before.Amount) : null, Text(after.Amount));
        Field(changes, "interest_rate", was ? Text(before.InterestRate) : null, Text(after.InterestRate));
        Field(changes, "term_months", was ? before.TermMonths.ToString(CultureInfo.InvariantCulture) : null,
            after.TermMonths.ToString(CultureInfo.InvariantCulture));
        Field(changes, "purpose", was ? before.Purpose : null, after.Purpose);
        Field(changes, "status", was ? Text(before.Status) : null, Text(after.Status));
        Field(changes, "funding_deadline", was ? Text(before.FundingDeadline) : null, Text(after.FundingDeadline));
        Field(changes, "deletion_reason", was ? before.DeletionReason : null, after.DeletionReason);
        return changes;
    }

    private static string LoanAction(LoanState before, LoanState after) =>
        !before.Exists ? "loan.created"
        : after.Status != before.Status ? "loan." + after.Status.ToString().ToLowerInvariant()
        : "loan.updated";

    private static void Field(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(Enum value) => value.ToString().ToUpperInvariant();

    private static string? Text(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
