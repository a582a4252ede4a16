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

        return previous.Amount != current.Amount || previous.InterestRate != current.InterestRate
            || previous.TermMonths != current.TermMonths || previous.Purpose != current.Purpose
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

    /// <summary>Normalised emails of every participant: each gets the loan's changes on its invitee stream.</summary>
    public static IEnumerable<string> Invitees(LoanState loan) =>
        loan.Participants.Select(p => p.NormalizedEmail).Distinct(StringComparer.Ordinal);
}
