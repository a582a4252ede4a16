using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Live;

/// <summary>The live event of one committed version, and who hears it, projected from that version's changes.</summary>
internal static class LiveChanges
{
    // Most significant first: a version that funded the loan is reported as funded, not as the acceptance that did it.
    private static readonly FundingChange[] Significance =
    [
        FundingChange.Created, FundingChange.LoanCancelled, FundingChange.LoanExpired, FundingChange.LoanFunded,
        FundingChange.ParticipantAccepted, FundingChange.ParticipantDeclined, FundingChange.LenderInvited,
        FundingChange.TermsChanged, FundingChange.Updated,
    ];

    /// <summary>The event for <paramref name="current"/>: the loan as its borrower sees it, minus every bank detail;
    /// <paramref name="notice"/>: the changes added no version (see <see cref="LoanFundingEvent.Notice"/>).</summary>
    public static LoanFundingEvent ToEvent(IReadOnlyList<LoanChange> changes, LoanState current, DateTimeOffset now, bool notice = false)
    {
        var change = changes.Count == 0
            ? FundingChange.Updated
            : changes.Select(c => c.Live).MinBy(c => Array.IndexOf(Significance, c));
        var participants = changes.Where(c => c.ParticipantId is not null).Select(c => c.ParticipantId!.Value).Distinct().ToImmutableArray();
        var view = LoanViews.ToView(current, current.BorrowerId);
        view = view with { Participants = [.. view.Participants.Select(p => p with { Ach = null })] };
        return new LoanFundingEvent(current.LoanId, current.Version, change, participants, view, now)
        {
            Events = [.. changes.Select(c => c.Name)],
            Repayment = changes.OfType<RepaymentReceived>().LastOrDefault()?.Repayment,
            Notice = notice,
            DocumentId = changes.Select(DocumentOf).LastOrDefault(id => id is not null),
        };
    }

    private static Guid? DocumentOf(LoanChange change) => change switch
    {
        DocumentUploaded c => c.DocumentId,
        DocumentDeleted c => c.DocumentId,
        AgreementGenerated c => c.DocumentId,
        _ => null,
    };

    /// <summary>
    /// Normalised emails whose invitee stream gets this version: only linked participants (only a verified account
    /// can listen, and linking is itself a change, so a later link still brings the loan), and only those it concerns:
    /// loan-level news (its creation, terms or status) reaches every linked participant, a change of one participation
    /// its own; news of documents only the lenders still in, who alone may read them. Another lender's funding change reaches invitees through the loan stream, which their dashboard
    /// watches while the loan is open: a change costs two publishes plus one per concerned email.
    /// </summary>
    public static IEnumerable<string> Invitees(IReadOnlyList<LoanChange> changes, LoanState current)
    {
        var linked = current.Participants.Where(p => p.LenderId is not null);
        var loanLevel = changes.Where(c => c.ParticipantId is null).ToList();
        if (loanLevel.Count > 0)
        {
            var hearing = loanLevel.TrueForAll(c => c.OnlyForLendersStillIn) ? linked.Where(p => p.Status != ParticipantStatus.Declined) : linked;
            return hearing.Select(p => p.NormalizedEmail).Distinct(StringComparer.Ordinal);
        }

        var concerned = changes.Select(c => c.ParticipantId!.Value).ToHashSet();
        return linked.Where(p => concerned.Contains(p.ParticipantId)).Select(p => p.NormalizedEmail).Distinct(StringComparer.Ordinal);
    }
}
