using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Live;

/// <summary>
/// Names the change between two committed states of a loan, and who it concerned, by comparing them. Comparing
/// states instead of hooking every command keeps the publishing in one place and catches every version bump.
/// </summary>
internal static class LiveChanges
{
    public static (FundingChange Change, ImmutableArray<Guid> ParticipantIds) Describe(LoanState? previous, LoanState current)
    {
        if (previous is not { Exists: true })
        {
            return (FundingChange.Created, [.. current.Participants.Select(p => p.ParticipantId)]);
        }

        if (current.Status == LoanStatus.Cancelled && previous.Status != LoanStatus.Cancelled)
        {
            return (FundingChange.LoanCancelled, []);
        }

        var before = previous.Participants.ToDictionary(p => p.ParticipantId);
        var invited = current.Participants.Where(p => !before.ContainsKey(p.ParticipantId)).Select(p => p.ParticipantId).ToImmutableArray();
        var answered = current.Participants
            .Where(p => before.TryGetValue(p.ParticipantId, out var old) && old.Status != p.Status)
            .ToList();
        if (current.Status == LoanStatus.Funded && previous.Status != LoanStatus.Funded)
        {
            return (FundingChange.LoanFunded, [.. answered.Select(p => p.ParticipantId)]);
        }

        if (answered.Count > 0)
        {
            var change = answered[0].Status == ParticipantStatus.Declined ? FundingChange.ParticipantDeclined : FundingChange.ParticipantAccepted;
            return (change, [.. answered.Select(p => p.ParticipantId)]);
        }

        if (!invited.IsEmpty)
        {
            return (FundingChange.LenderInvited, invited);
        }

        return TermsDiffer(previous, current)
            ? (FundingChange.TermsChanged, [])
            : (FundingChange.Updated, []);
    }

    /// <summary>The event for <paramref name="current"/>: the loan as its borrower sees it, minus every bank detail.</summary>
    public static LoanFundingEvent ToEvent(LoanState? previous, LoanState current, DateTimeOffset now)
    {
        var (change, participants) = Describe(previous, current);
        var view = LoanViews.ToView(current, current.BorrowerId);
        view = view with { Participants = [.. view.Participants.Select(p => p with { Ach = null })] };
        return new LoanFundingEvent(current.LoanId, current.Version, change, participants, view, now);
    }

    /// <summary>
    /// Normalised emails whose invitee stream gets this change: only linked participants (only a verified account
    /// can listen, and linking is itself a published change, so a later link still brings the loan), and only when
    /// the change concerns them: the loan was created, its status or terms changed (every linked participant), or
    /// their own participation was added or changed (invited, answered, linked). Another lender's funding change
    /// reaches invitees through the loan stream, which their dashboard watches while the loan is open: a change
    /// costs two publishes plus one per concerned email instead of one per participant.
    /// </summary>
    public static IEnumerable<string> Invitees(LoanState? previous, LoanState current)
    {
        var linked = current.Participants.Where(p => p.LenderId is not null);
        if (previous is not { Exists: true } || previous.Status != current.Status || TermsDiffer(previous, current))
        {
            return linked.Select(p => p.NormalizedEmail).Distinct(StringComparer.Ordinal);
        }

        var before = previous.Participants.ToDictionary(p => p.ParticipantId);
        return linked
            .Where(p => !before.TryGetValue(p.ParticipantId, out var old) || old.Status != p.Status || old.LenderId != p.LenderId)
            .Select(p => p.NormalizedEmail)
            .Distinct(StringComparer.Ordinal);
    }

    private static bool TermsDiffer(LoanState previous, LoanState current) =>
        previous.Amount != current.Amount || previous.InterestRate != current.InterestRate
        || previous.TermMonths != current.TermMonths || previous.Purpose != current.Purpose;
}
