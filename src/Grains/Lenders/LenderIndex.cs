using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Lenders;

/// <summary>
/// In-memory views of a lender's participations, rebuilt on activation: all, and one per status, each a sorted
/// list (newest invitation first) so a page is a binary search plus <c>limit</c> items. Each view shows a loan at
/// most once — its latest participation for that view — so a loan the lender was re-invited to after declining
/// never appears twice, whatever order updates arrive in.
/// </summary>
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

    /// <summary>Sum of contributions in the accepted view.</summary>
    public decimal TotalCommitted { get; private set; }

    public int AcceptedCount => _byStatus[ParticipantStatus.Accepted].Count;

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

    public bool Contains(Guid participantId) => _byParticipant.ContainsKey(participantId);

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
            if (ofLoan.Find(p => p.Status == status) is { } latest)
            {
                Show(view, latest);
                TotalCommitted += status == ParticipantStatus.Accepted ? latest.ContributionAmount : 0;
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> items after the cursor in the view for <paramref name="status"/> (all when null).</summary>
    public (List<InvitationItem> Items, bool HasMore) Page(ParticipantStatus? status, IndexKey? after, int limit)
    {
        var view = status is { } s ? _byStatus[s] : _all;
        var start = IndexKey.StartAfter(view, after);
        var count = Math.Min(limit, view.Count - start);
        var items = view.GetRange(start, count).ConvertAll(k => _byParticipant[k.Id]);
        return (items, start + count < view.Count);
    }

    private void Hide(InvitationItem item)
    {
        var key = Key(item);
        Remove(_all, key);
        if (Remove(_byStatus[item.Status], key) && item.Status == ParticipantStatus.Accepted)
        {
            TotalCommitted -= item.ContributionAmount;
        }
    }

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
