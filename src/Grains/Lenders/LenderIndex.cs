using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Lenders;

/// <summary>
/// In-memory views of a lender's participations, rebuilt on activation: all, one per status, and the portfolio,
/// each a sorted list (newest invitation first) so a page is a binary search plus <c>limit</c> items. Each view
/// shows a loan at most once — its latest participation for that view — so a loan the lender was re-invited to
/// after declining never appears twice, whatever order updates arrive in.
/// </summary>
/// <remarks>
/// The loan's status decides two views. PENDING lists only invitations that can still be answered, i.e. on a loan
/// that is still PENDING: a CANCELLED loan's invitations drop out (a FUNDED loan has no pending participant: its
/// non-declined contributions never exceed the amount, which its accepted ones then equal, and every contribution is
/// positive). The portfolio lists, counts and totals accepted participations on loans that are not CANCELLED or
/// EXPIRED: it is what the lender has committed, so such a loan is neither listed nor counted, and the totals always describe
/// exactly the items its pages show. The ACCEPTED and DECLINED views (and "all") keep cancelled loans: they are the
/// lender's history, and each item shows loan_status CANCELLED.
/// </remarks>
internal sealed class LenderIndex
{
    private readonly Dictionary<Guid, InvitationItem> _byParticipant = [];
    private readonly Dictionary<Guid, List<Guid>> _byLoan = [];
    private readonly List<IndexKey> _all = [];
    private readonly Dictionary<ParticipantStatus, List<IndexKey>> _byStatus = new()
    {
        [ParticipantStatus.Pending] = [],
        [ParticipantStatus.Accepted] = [],
        [ParticipantStatus.Declined] = [],
    };

    private readonly List<IndexKey> _portfolio = [];

    /// <summary>Sum of contributions in the portfolio (accepted, loan not cancelled).</summary>
    public decimal TotalCommitted { get; private set; }

    /// <summary>Principal still out on the portfolio's disbursed loans.</summary>
    public decimal TotalOutstanding { get; private set; }

    /// <summary>Principal the portfolio's loans have repaid to this lender.</summary>
    public decimal TotalRepaid { get; private set; }

    /// <summary>Interest the portfolio's loans have paid this lender.</summary>
    public decimal TotalInterestReceived { get; private set; }

    /// <summary>Participations in the portfolio (accepted, loan not cancelled).</summary>
    public int PortfolioCount => _portfolio.Count;

    public IEnumerable<Guid> LoanIds => _byLoan.Keys;

    public static LenderIndex Build(IEnumerable<InvitationItem> items)
    {
        var index = new LenderIndex();
        foreach (var item in items)
        {
            index.Apply(item);
        }

        return index;
    }

    public static IndexKey Key(InvitationItem item) => new(item.InvitedAt, item.ParticipantId);

    /// <summary>Whether a participation in this status, on a loan in that status, belongs in the view for <paramref name="view"/>.</summary>
    public static bool Shows(ParticipantStatus view, ParticipantStatus status, LoanStatus loanStatus) =>
        status == view && (view != ParticipantStatus.Pending || loanStatus == LoanStatus.Pending);

    /// <summary>Whether a participation counts in the portfolio: accepted, on a loan that was neither cancelled nor expired.</summary>
    public static bool Committed(ParticipantStatus status, LoanStatus loanStatus) =>
        status == ParticipantStatus.Accepted && loanStatus is not (LoanStatus.Cancelled or LoanStatus.Expired);

    /// <summary>True when <paramref name="item"/> is news: an unknown participant or a newer loan version.</summary>
    public bool IsNewer(InvitationItem item) =>
        !_byParticipant.TryGetValue(item.ParticipantId, out var known) || known.LoanVersion < item.LoanVersion;

    /// <summary>Stores the item if it is newer, then recomputes which of its loan's participations each view shows.</summary>
    public void Apply(InvitationItem item)
    {
        if (!IsNewer(item))
        {
            return;
        }

        if (!_byLoan.TryGetValue(item.LoanId, out var participants))
        {
            _byLoan[item.LoanId] = participants = [];
        }

        foreach (var id in participants)
        {
            Hide(_byParticipant[id]);
        }

        if (!_byParticipant.ContainsKey(item.ParticipantId))
        {
            participants.Add(item.ParticipantId);
        }

        _byParticipant[item.ParticipantId] = item;
        var ofLoan = participants.Select(id => _byParticipant[id]).OrderBy(Key).ToList();
        Show(_all, ofLoan[0]);
        foreach (var (status, view) in _byStatus)
        {
            if (ofLoan.Find(p => Shows(status, p.Status, p.LoanStatus)) is { } latest)
            {
                Show(view, latest);
            }
        }

        if (ofLoan.Find(p => Committed(p.Status, p.LoanStatus)) is { } committed)
        {
            Show(_portfolio, committed);
            Count(committed, 1);
        }
    }

    /// <summary>Up to <paramref name="max"/> ids of loans still PENDING, newest invitation first (one per loan: "all" shows a loan once).</summary>
    public List<Guid> OpenLoanIds(int max)
    {
        var ids = new List<Guid>(Math.Min(max, _all.Count));
        for (var i = 0; i < _all.Count && ids.Count < max; i++)
        {
            if (_byParticipant[_all[i].Id] is { LoanStatus: LoanStatus.Pending } item)
            {
                ids.Add(item.LoanId);
            }
        }

        return ids;
    }

    /// <summary>Up to <paramref name="limit"/> items after the cursor in the view for <paramref name="status"/> (all when null).</summary>
    public (List<InvitationItem> Items, bool HasMore) Page(ParticipantStatus? status, IndexKey? after, int limit) =>
        Page(status is { } s ? _byStatus[s] : _all, after, limit);

    /// <summary>Up to <paramref name="limit"/> portfolio items after the cursor.</summary>
    public (List<InvitationItem> Items, bool HasMore) PortfolioPage(IndexKey? after, int limit) => Page(_portfolio, after, limit);

    private (List<InvitationItem> Items, bool HasMore) Page(List<IndexKey> view, IndexKey? after, int limit)
    {
        var start = IndexKey.StartAfter(view, after);
        var count = Math.Min(limit, view.Count - start);
        var items = view.GetRange(start, count).ConvertAll(k => _byParticipant[k.Id]);
        return (items, start + count < view.Count);
    }

    private void Hide(InvitationItem item)
    {
        var key = Key(item);
        Remove(_all, key);
        Remove(_byStatus[item.Status], key);
        if (Remove(_portfolio, key))
        {
            Count(item, -1);
        }
    }

    /// <summary>Adds (+1) or takes away (-1) a portfolio item's figures from the totals.</summary>
    private void Count(InvitationItem item, int sign)
    {
        TotalCommitted += sign * item.ContributionAmount;
        TotalOutstanding += sign * item.PrincipalOutstanding();
        TotalRepaid += sign * item.PrincipalRepaid;
        TotalInterestReceived += sign * item.InterestReceived;
    }

    /// <summary>Every portfolio item, newest first.</summary>
    public IEnumerable<InvitationItem> PortfolioItems() => _portfolio.Select(k => _byParticipant[k.Id]);

    /// <summary>The participation as the index holds it, if known.</summary>
    public InvitationItem? Find(Guid participantId) => _byParticipant.GetValueOrDefault(participantId);

    private static void Show(List<IndexKey> view, InvitationItem item)
    {
        var key = Key(item);
        var at = view.BinarySearch(key);
        if (at < 0)
        {
            view.Insert(~at, key);
        }
    }

    private static bool Remove(List<IndexKey> view, IndexKey key)
    {
        var at = view.BinarySearch(key);
        if (at < 0)
        {
            return false;
        }

        view.RemoveAt(at);
        return true;
    }
}
