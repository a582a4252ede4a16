using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>The loan's reads: they interleave with commands and see the last committed state, never a copy in flight.</summary>
public sealed partial class LoanGrain
{
    public Task<LoanView?> GetAsync(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return Task.FromResult(VisibleView(_current, viewer));
    }

    public Task<InvitationView?> GetInvitationAsync(Guid participantId)
    {
        var loan = _current;
        var participant = loan.Exists ? loan.Participants.Find(p => p.ParticipantId == participantId) : null;
        return Task.FromResult(participant is null ? null : LoanViews.ToInvitation(loan, participant));
    }

    public Task<Page<LoanHistoryEntry>?> GetHistoryAsync(Viewer viewer, PageRequest page) => _records.HistoryAsync(_current, viewer, page);

    public Task<Page<FundingPoint>?> GetFundingHistoryAsync(Viewer viewer, PageRequest page) => _records.FundingAsync(_current, viewer, page);
}
