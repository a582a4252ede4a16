using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Lenders;

/// <summary>
/// A lender's invitations and portfolio, keyed by the email's <see cref="EmailKeys"/> key. Loans upsert participations at least once;
/// the index is a set by participant id where an older loan version never overwrites a newer one. Pages read
/// in-memory sorted views and fetch the page's participations from their loans in parallel.
/// </summary>
/// <remarks>
/// Storage is chunked so no item grows with the number of invitations: the newest participations live in this
/// grain's item, older ones in sealed <see cref="ILenderIndexChunkGrain"/>s (<see cref="LenderChunks"/>). Activation
/// reads the chunks once, in parallel, and builds the views in memory; a page is then a binary search plus
/// <c>limit</c> items, and an update writes only the item that holds the participation.
/// </remarks>
// The grain type is the one this grain had as LenderGrain: stored state and grain ids are keyed by it.
[GrainType("lender")]
public sealed partial class InvitationIndexGrain(
    [PersistentState("lender", StorageNames.Users)] IPersistentState<LenderState> state,
    TimeProvider clock,
    EmailKeys emailKeys,
    ILogger<InvitationIndexGrain> logger) : Grain, IInvitationIndexGrain
{
    private readonly StateWriter<LenderState> _writer = new(state);
    private readonly Dictionary<Guid, int> _location = [];
    private LenderIndex _index = LenderIndex.Build([]);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var chunks = await Task.WhenAll(state.State.Chunks.Select(async n => (Number: n, Items: await Chunk(n).ReadAllAsync())));
        foreach (var (number, items) in chunks)
        {
            items.ForEach(i => _location[i.ParticipantId] = number);
        }

        state.State.Entries.ForEach(i => _location[i.ParticipantId] = LenderChunks.Tail);
        _index = LenderIndex.Build(chunks.SelectMany(c => c.Items).Concat(state.State.Entries));
        StartLinks();
    }

    public Task UpsertAsync(ImmutableArray<InvitationIndexEntry> entries) =>
        StoreAsync([.. (entries.IsDefault ? [] : entries)
            .GroupBy(e => e.ParticipantId)
            .Select(g => g.MaxBy(e => e.LoanVersion)!)
            .Select(e => new InvitationItem
            {
                ParticipantId = e.ParticipantId,
                LoanId = e.LoanId,
                Status = e.Status,
                ContributionAmount = e.ContributionAmount,
                InvitedAt = e.InvitedAt,
                LoanVersion = e.LoanVersion,
                LoanStatus = e.LoanStatus,
                PrincipalRepaid = e.PrincipalRepaid,
                InterestReceived = e.InterestReceived,
            })
            .Where(_index.IsNewer)]);

    /// <summary>
    /// The totals become a newer version of the participation they concern (the loan version of the repayment's
    /// write): stored where the participation is, in the same write as any other update, so the totals over the
    /// portfolio move with it. A re-sent message is not newer and writes nothing.
    /// </summary>
    public Task RecordRepaymentTotalsAsync(ImmutableArray<LenderRepaymentTotals> totals) =>
        StoreAsync([.. (totals.IsDefault ? [] : totals)
            .GroupBy(t => t.ParticipantId)
            .Select(g => g.MaxBy(t => t.LoanVersion)!)
            .Select(t => _index.Find(t.ParticipantId)?.WithTotals(t.LoanVersion, t.LoanStatus, t.PrincipalRepaid, t.InterestReceived))
            .OfType<InvitationItem>()
            .Where(_index.IsNewer)]);

    /// <summary>Stores participations newer than the index's (in their chunk or this grain's item) and applies them to the views.</summary>
    private async Task StoreAsync(List<InvitationItem> news)
    {
        if (news.Count == 0)
        {
            return;
        }

        // Participations already sealed into a chunk are updated there (one write per chunk touched).
        var inChunks = news.Where(i => _location.GetValueOrDefault(i.ParticipantId, LenderChunks.Tail) != LenderChunks.Tail).ToList();
        await Task.WhenAll(inChunks.GroupBy(i => _location[i.ParticipantId]).Select(g => Chunk(g.Key).UpdateAsync([.. g])));
        var inTail = news.Except(inChunks).ToList();

        var next = state.State.Clone();
        var positions = next.Entries.Select((e, i) => (e.ParticipantId, i)).ToDictionary(p => p.ParticipantId, p => p.i);
        // Loans already told leave the list with this write (they are only in memory until a write).
        next.PendingLinks.RemoveAll(_told.Contains);
        var relink = new List<Guid>();
        foreach (var item in inTail)
        {
            if (positions.TryGetValue(item.ParticipantId, out var at))
            {
                next.Entries[at] = item;
                continue;
            }

            next.Entries.Add(item);
            if (next.AccountId is not null)
            {
                // Invited after registering: the loan does not know the account yet.
                LenderLinks.Add(next, item.LoanId);
                relink.Add(item.LoanId);
            }
        }

        var sealedChunks = await SealOverflowAsync(next);
        if (inTail.Count > 0 || sealedChunks.Count > 0)
        {
            await _writer.CommitAsync(this, next);
        }

        inTail.ForEach(i => _location[i.ParticipantId] = LenderChunks.Tail);
        foreach (var (number, items) in sealedChunks)
        {
            items.ForEach(i => _location[i.ParticipantId] = number);
        }

        news.ForEach(_index.Apply);
        if (relink.Count > 0)
        {
            relink.ForEach(id => _told.Remove(id));
            // Not awaited here: the calling loan is waiting for this upsert and would only take the link after it.
            _links?.Soon();
        }
    }

    /// <summary>
    /// While the tail is over <see cref="LenderChunks.TailMax"/>, moves its oldest <see cref="LenderChunks.ChunkSize"/>
    /// participations into a new chunk. The chunk is written before this grain's item that lists it: if that write
    /// then fails, the chunk is unreferenced and the next seal overwrites it (same number).
    /// </summary>
    private async Task<List<(int Number, List<InvitationItem> Items)>> SealOverflowAsync(LenderState next)
    {
        var sealedChunks = new List<(int, List<InvitationItem>)>();
        while (next.Entries.Count > LenderChunks.TailMax)
        {
            var oldest = next.Entries.OrderBy(LenderIndex.Key).TakeLast(LenderChunks.ChunkSize).ToList();
            var moved = oldest.Select(i => i.ParticipantId).ToHashSet();
            var number = next.NextChunkNumber++;
            await Chunk(number).SealAsync(oldest);
            next.Entries.RemoveAll(i => moved.Contains(i.ParticipantId));
            next.Chunks.Add(number);
            sealedChunks.Add((number, oldest));
        }

        return sealedChunks;
    }

    private ILenderIndexChunkGrain Chunk(int number) =>
        GrainFactory.GetGrain<ILenderIndexChunkGrain>($"{this.GetPrimaryKeyString()}/{number}");

    public async Task<Page<InvitationView>> GetInvitationsAsync(ParticipantStatus? status, PageRequest page)
    {
        var (limit, after) = Paging.Parse(page);
        var (items, hasMore) = _index.Page(status, after, limit);
        return await ViewsAsync(items, hasMore, v => status is not { } s || LenderIndex.Shows(s, v.Participant.Status, v.LoanStatus));
    }

    /// <summary>
    /// Accepted participations on loans that were not cancelled, with totals over exactly those (see <see cref="LenderIndex"/>):
    /// a cancelled loan's commitment is neither listed nor counted; the accepted list of invitations still shows it.
    /// </summary>
    public async Task<PortfolioPage> GetPortfolioAsync(PageRequest page)
    {
        var (limit, after) = Paging.Parse(page);
        var (items, hasMore) = _index.PortfolioPage(after, limit);
        var shown = await ViewsAsync(items, hasMore, v => LenderIndex.Committed(v.Participant.Status, v.LoanStatus));
        return new PortfolioPage(shown, _index.TotalCommitted, _index.PortfolioCount, _index.TotalOutstanding, _index.TotalRepaid,
            _index.TotalInterestReceived);
    }

    /// <summary>
    /// Every disbursed portfolio loan's lines for this lender, merged newest payment date first (ties by repayment id),
    /// then the page after the cursor. Each call reads the loans' records: a statement is asked for rarely, and the
    /// loans are the truth (nothing here has to be kept in step with them).
    /// </summary>
    public async Task<Page<LenderDistribution>> GetDistributionsAsync(PageRequest page)
    {
        var (limit, after) = Paging.Parse(page);
        var disbursed = _index.PortfolioItems().Where(i => i.LoanStatus is LoanStatus.Active or LoanStatus.Defaulted or LoanStatus.Completed);
        var perLoan = await Task.WhenAll(disbursed.Select(i => GrainFactory.GetGrain<ILoanStatementGrain>(i.LoanId).GetDistributionsAsync(i.ParticipantId)));
        var lines = perLoan.SelectMany(l => l)
            .Select(l => (Key: new IndexKey(l.PaidOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks, l.RepaymentId), Line: l))
            .Where(l => after is not { } cursor || l.Key > cursor)
            .OrderBy(l => l.Key)
            .Take(limit + 1)
            .ToList();
        var hasMore = lines.Count > limit;
        var shown = lines.Take(limit).ToList();
        return new Page<LenderDistribution>([.. shown.Select(l => l.Line)], hasMore, hasMore ? shown[^1].Key.ToCursor() : null);
    }

    public Task<ImmutableArray<Guid>> GetOpenLoanIdsAsync(int max) =>
        Task.FromResult(max <= 0 ? ImmutableArray<Guid>.Empty : [.. _index.OpenLoanIds(max)]);

    /// <summary>Fetches the page's participations from their loans in parallel and keeps those <paramref name="belongs"/> accepts.</summary>
    private async Task<Page<InvitationView>> ViewsAsync(List<InvitationItem> items, bool hasMore, Func<InvitationView, bool> belongs)
    {
        var views = await Task.WhenAll(items.Select(i => GrainFactory.GetGrain<ILoanGrain>(i.LoanId).GetInvitationAsync(i.ParticipantId)));
        // The loan is the truth: if this index lags behind it, leave the item out rather than show a wrong status.
        var shown = views.OfType<InvitationView>().Where(belongs);
        return new Page<InvitationView>([.. shown], hasMore, hasMore ? LenderIndex.Key(items[^1]).ToCursor() : null);
    }
}
