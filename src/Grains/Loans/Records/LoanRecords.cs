using System.Collections.Immutable;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>
/// Derives the loan's records from each committed change: the history entry of the new version (what changed,
/// found by comparing the state before and after, so no command can forget it) and, when funding moved, a point of
/// the funding series. Both are written in the same write as the change.
/// </summary>
internal static class LoanRecords
{
    /// <summary>Entries per sealed chunk item, and the most the working set holds before the oldest are sealed.</summary>
    public const int ChunkSize = 25;

    /// <summary>Appends the records of <paramref name="after"/>'s new version; nothing when the version did not move.</summary>
    public static void Capture(LoanState before, LoanState after, DateTimeOffset now)
    {
        if (after.Version == before.Version)
        {
            return;
        }

        var changes = new List<FieldChange>();
        var action = Compare(before, after, changes);
        foreach (var p in after.Participants.Where(p => p.Status == ParticipantStatus.Accepted && p.AcceptedVersion is null))
        {
            // The terms the lender saw: the version before the acceptance.
            p.AcceptedVersion = before.Exists ? before.Version : after.Version;
        }

        var reason = action == "cancelled" ? after.DeletionReason : null;
        after.History.Add(new LoanHistoryEntry(after.Version, now, after.UpdatedBy, action, [.. changes], reason));
        var point = Point(after, now);
        var last = after.Funding.Count > 0 ? after.Funding[^1] : null;
        if (last is null || !SameFunding(last, point))
        {
            after.Funding.Add(point);
        }
    }

    /// <summary>Records the version a lender accepted (the one before the acceptance) and answers with it.</summary>
    public static ParticipationResponse Accepted(LoanState loan, Guid participantId, long seenVersion)
    {
        var participant = loan.Participants.Find(p => p.ParticipantId == participantId)!;
        participant.AcceptedVersion = seenVersion;
        return LoanViews.ToResponse(loan, participant);
    }

    public static FundingPoint Point(LoanState loan, DateTimeOffset now)
    {
        var figures = LoanViews.Figures(loan);
        var declined = loan.Participants.Count(p => p.Status == ParticipantStatus.Declined);
        return new FundingPoint(now, loan.Version, figures.TotalInvited, figures.TotalFunded, figures.FundingPercentage,
            figures.PendingParticipantCount, figures.AcceptedParticipantCount, declined);
    }

    private static bool SameFunding(FundingPoint a, FundingPoint b) =>
        a.TotalInvited == b.TotalInvited && a.TotalFunded == b.TotalFunded && a.PendingCount == b.PendingCount
        && a.AcceptedCount == b.AcceptedCount && a.DeclinedCount == b.DeclinedCount;

    /// <summary>Collects the changed fields and names the change by its most telling part.</summary>
    private static string Compare(LoanState before, LoanState after, List<FieldChange> changes)
    {
        var wasThere = before.Exists;
        Field(changes, "amount", wasThere ? Money(before.Amount) : null, Money(after.Amount));
        Field(changes, "interest_rate", wasThere ? Money(before.InterestRate) : null, Money(after.InterestRate));
        Field(changes, "term_months", wasThere ? before.TermMonths.ToString(CultureInfo.InvariantCulture) : null, after.TermMonths.ToString(CultureInfo.InvariantCulture));
        Field(changes, "purpose", wasThere ? before.Purpose : null, after.Purpose);
        Field(changes, "status", wasThere ? Status(before.Status) : null, Status(after.Status));
        var old = before.Participants.ToDictionary(p => p.ParticipantId);
        bool added = false, accepted = false, declined = false, linked = false;
        foreach (var p in after.Participants)
        {
            var key = $"participants[{p.ParticipantId}]";
            if (!old.TryGetValue(p.ParticipantId, out var was))
            {
                added = true;
                Field(changes, key, null, $"{p.Email} {Money(p.ContributionAmount)} {Status(p.Status)}");
                continue;
            }

            if (was.Status != p.Status)
            {
                accepted |= p.Status == ParticipantStatus.Accepted;
                declined |= p.Status == ParticipantStatus.Declined;
                Field(changes, key + ".status", Status(was.Status), Status(p.Status));
            }

            if (was.LenderId != p.LenderId)
            {
                linked = true;
                Field(changes, key + ".lender_id", was.LenderId?.ToString(), p.LenderId?.ToString());
            }
        }

        return !wasThere ? "created"
            : after.Status == LoanStatus.Cancelled && before.Status != LoanStatus.Cancelled ? "cancelled"
            : after.Status == LoanStatus.Expired && before.Status != LoanStatus.Expired ? "expired"
            : accepted ? "accepted"
            : declined ? "declined"
            : added ? "lenders_added"
            : linked ? "lender_linked"
            : "terms_updated";
    }

    private static void Field(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Status(Enum status) => status.ToString().ToUpperInvariant();

    /// <summary>The oldest <see cref="ChunkSize"/> entries when the working set is full (to seal before the write), else empty.</summary>
    public static ImmutableArray<T> Overflow<T>(List<T> working) =>
        working.Count > 2 * ChunkSize ? [.. working.Take(ChunkSize)] : [];
}
