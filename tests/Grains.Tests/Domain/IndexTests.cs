using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Borrowers;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Lenders;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class IndexTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cursor_RoundTrip_SameKey()
    {
        var key = new IndexKey(T0, Guid.NewGuid());

        Assert.Equal(key, IndexKey.ParseCursor(key.ToCursor()));
    }

    [Fact]
    public void IndexKey_Ordering_NewestFirstThenLargerId()
    {
        var (a, b) = (new Guid("00000000-0000-0000-0000-000000000001"), new Guid("00000000-0000-0000-0000-000000000002"));
        List<IndexKey> keys = [new(T0, a), new(T0.AddSeconds(1), a), new(T0, b)];

        keys.Sort();

        Assert.Equal([new(T0.AddSeconds(1), a), new(T0, b), new(T0, a)], keys);
    }

    [Fact]
    public void Route_KeysAroundChunkBoundaries_TailOrCoveringChunk()
    {
        // Chunks newest first: chunk 7 holds (t100, t200], chunk 3 holds everything up to t100.
        List<ChunkDescriptor> chunks = [Chunk(7, T0.AddMinutes(200)), Chunk(3, T0.AddMinutes(100))];

        Assert.Equal(-1, BorrowerIndex.Route(chunks, Key(201)));
        Assert.Equal(0, BorrowerIndex.Route(chunks, Key(200)));
        Assert.Equal(0, BorrowerIndex.Route(chunks, Key(150)));
        Assert.Equal(1, BorrowerIndex.Route(chunks, Key(100)));
        Assert.Equal(1, BorrowerIndex.Route(chunks, Key(-5000)));
        Assert.Equal(-1, BorrowerIndex.Route([], Key(0)));
    }

    [Fact]
    public void TakeOldestForSeal_TailOverMax_OldestChunkSizeRemoved()
    {
        var tail = new List<BorrowerIndexItem>();
        for (var i = 0; i <= BorrowerIndex.TailMax; i++)
        {
            BorrowerIndex.Insert(tail, new BorrowerIndexItem { LoanId = Guid.NewGuid(), CreatedAt = T0.AddMinutes(i) });
        }

        var sealedItems = BorrowerIndex.TakeOldestForSeal(tail)!;

        Assert.Equal(BorrowerIndex.ChunkSize, sealedItems.Count);
        Assert.Equal(BorrowerIndex.TailMax + 1 - BorrowerIndex.ChunkSize, tail.Count);
        Assert.True(BorrowerIndex.Key(tail[^1]) < BorrowerIndex.Key(sealedItems[0]));
        Assert.Null(BorrowerIndex.TakeOldestForSeal(tail));
    }

    [Fact]
    public void Insert_SameLoanTwice_AddedOnce()
    {
        var items = new List<BorrowerIndexItem>();
        var item = new BorrowerIndexItem { LoanId = Guid.NewGuid(), CreatedAt = T0 };

        Assert.True(BorrowerIndex.Insert(items, item));
        Assert.False(BorrowerIndex.Insert(items, new BorrowerIndexItem { LoanId = item.LoanId, CreatedAt = T0 }));
        Assert.Single(items);
    }

    [Fact]
    public void LenderIndex_OlderVersionAfterNewer_Ignored()
    {
        var p = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 3, amount: 40m);
        var index = LenderIndex.Build([p]);

        index.Apply(Copy(p, ParticipantStatus.Pending, version: 2));

        Assert.Single(index.Page(null, null, 10).Items, i => i.Status == ParticipantStatus.Accepted);
        Assert.Empty(index.Page(ParticipantStatus.Pending, null, 10).Items);
        Assert.Equal(40m, index.TotalCommitted);
    }

    [Fact]
    public void LenderIndex_AcceptedThenDeclinedVersion_LeavesPortfolio()
    {
        var p = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 2, amount: 40m);
        var index = LenderIndex.Build([p]);

        index.Apply(Copy(p, ParticipantStatus.Declined, version: 3));

        Assert.Equal(0m, index.TotalCommitted);
        Assert.Equal(0, index.PortfolioCount);
        Assert.Single(index.Page(ParticipantStatus.Declined, null, 10).Items);
    }

    [Fact]
    public void LenderIndex_TwoParticipationsOfOneLoan_EachViewShowsTheLoanOnce()
    {
        var loan = Guid.NewGuid();
        var declined = Item(loan, ParticipantStatus.Declined, version: 2, at: T0);
        var pending = Item(loan, ParticipantStatus.Pending, version: 3, at: T0.AddMinutes(5));

        var index = LenderIndex.Build([pending, declined, pending]);

        Assert.Equal(pending.ParticipantId, Assert.Single(index.Page(null, null, 10).Items).ParticipantId);
        Assert.Equal(pending.ParticipantId, Assert.Single(index.Page(ParticipantStatus.Pending, null, 10).Items).ParticipantId);
        Assert.Equal(declined.ParticipantId, Assert.Single(index.Page(ParticipantStatus.Declined, null, 10).Items).ParticipantId);
    }

    [Fact]
    public void LenderIndex_OpenLoanIds_PendingLoansOnlyNewestFirstOncePerLoanAndBounded()
    {
        var reinvited = Guid.NewGuid();
        var declined = Item(reinvited, ParticipantStatus.Declined, version: 2, at: T0);
        var again = Item(reinvited, ParticipantStatus.Pending, version: 3, at: T0.AddMinutes(1));
        var accepted = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 1, at: T0.AddMinutes(2));
        var cancelled = Copy(Item(Guid.NewGuid(), ParticipantStatus.Pending, version: 1, at: T0.AddMinutes(3)), ParticipantStatus.Pending, 2, LoanStatus.Cancelled);
        var newest = Item(Guid.NewGuid(), ParticipantStatus.Pending, version: 1, at: T0.AddMinutes(4));
        var index = LenderIndex.Build([declined, again, accepted, cancelled, newest]);

        // An accepted lender on a still-open loan keeps watching it; the cancelled loan is left out.
        Assert.Equal([newest.LoanId, accepted.LoanId, reinvited], index.OpenLoanIds(10));
        Assert.Equal([newest.LoanId, accepted.LoanId], index.OpenLoanIds(2));
        Assert.Empty(index.OpenLoanIds(0));
    }

    [Fact]
    public void LenderIndex_Page_CursorContinuesAfterLastItem()
    {
        var items = Enumerable.Range(0, 5).Select(i => Item(Guid.NewGuid(), ParticipantStatus.Pending, 1, at: T0.AddMinutes(i))).ToList();
        var index = LenderIndex.Build(items);

        var (first, more) = index.Page(null, null, 3);
        var (second, moreAfter) = index.Page(null, LenderIndex.Key(first[^1]), 3);

        Assert.True(more);
        Assert.False(moreAfter);
        Assert.Equal(Enumerable.Reverse(items).Select(i => i.ParticipantId), first.Concat(second).Select(i => i.ParticipantId));
    }

    [Fact]
    public void LenderIndex_PendingInvitationOfCancelledLoan_LeavesPendingViewStaysInAll()
    {
        var open = Item(Guid.NewGuid(), ParticipantStatus.Pending, version: 1, at: T0);
        var cancelled = Item(Guid.NewGuid(), ParticipantStatus.Pending, version: 1, at: T0.AddMinutes(1));
        var index = LenderIndex.Build([open, cancelled]);

        index.Apply(Copy(cancelled, ParticipantStatus.Pending, version: 2, LoanStatus.Cancelled));

        var (pending, more) = index.Page(ParticipantStatus.Pending, null, 1);
        Assert.Equal(open.ParticipantId, Assert.Single(pending).ParticipantId);
        Assert.False(more);
        Assert.Equal(2, index.Page(null, null, 10).Items.Count);
    }

    [Fact]
    public void LenderIndex_AcceptedOnLoanLaterCancelled_LeavesPortfolioAndTotalsStaysInAcceptedView()
    {
        var kept = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 2, amount: 40m, at: T0);
        var cancelled = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 2, amount: 25m, at: T0.AddMinutes(1));
        var index = LenderIndex.Build([kept, cancelled]);
        Assert.Equal(65m, index.TotalCommitted);

        index.Apply(Copy(cancelled, ParticipantStatus.Accepted, version: 3, LoanStatus.Cancelled));

        Assert.Equal(40m, index.TotalCommitted);
        Assert.Equal(1, index.PortfolioCount);
        Assert.Equal(kept.ParticipantId, Assert.Single(index.PortfolioPage(null, 10).Items).ParticipantId);
        Assert.Equal(2, index.Page(ParticipantStatus.Accepted, null, 10).Items.Count);
    }

    [Fact]
    public void LenderIndex_FundedLoan_StillInPortfolio()
    {
        var item = Item(Guid.NewGuid(), ParticipantStatus.Accepted, version: 5, amount: 40m);
        item.LoanStatus = LoanStatus.Funded;

        var index = LenderIndex.Build([item]);

        Assert.Equal(40m, index.TotalCommitted);
        Assert.Single(index.PortfolioPage(null, 10).Items);
    }

    [Fact]
    public void LenderIndex_DeclinedOnCancelledLoan_StaysInDeclinedView()
    {
        var item = Item(Guid.NewGuid(), ParticipantStatus.Declined, version: 1);

        var index = LenderIndex.Build([item, Copy(item, ParticipantStatus.Declined, version: 2, LoanStatus.Cancelled)]);

        Assert.Single(index.Page(ParticipantStatus.Declined, null, 10).Items);
        Assert.Equal(0m, index.TotalCommitted);
    }

    [Fact]
    public void InvitationItem_StoredBeforeLoanStatusExisted_ReadsAsPending()
    {
        const string stored = "{\"ParticipantId\":\"7d0e9f4c-0000-0000-0000-000000000001\",\"LoanId\":\"7d0e9f4c-0000-0000-0000-000000000002\","
            + "\"Status\":1,\"ContributionAmount\":40,\"InvitedAt\":\"2025-01-01T00:00:00+00:00\",\"LoanVersion\":3}";

        var item = System.Text.Json.JsonSerializer.Deserialize<InvitationItem>(stored)!;
        var index = LenderIndex.Build([item]);

        Assert.Equal(LoanStatus.Pending, item.LoanStatus);
        Assert.Equal(40m, index.TotalCommitted);
    }

    [Fact]
    public void Paging_LimitOutsideOneToHundred_Validation() =>
        Assert.Contains("limit", Assert.Throws<DomainException>(() => Paging.Parse(new PageRequest(101))).Errors!.Keys);

    private static IndexKey Key(int minutes) => new(T0.AddMinutes(minutes), Guid.Empty);

    private static ChunkDescriptor Chunk(int number, DateTimeOffset newest) =>
        new() { Number = number, NewestCreatedAt = newest, NewestLoanId = Guid.Empty };

    private static InvitationItem Item(Guid loanId, ParticipantStatus status, long version, decimal amount = 10m, DateTimeOffset? at = null) =>
        new() { ParticipantId = Guid.NewGuid(), LoanId = loanId, Status = status, LoanVersion = version, ContributionAmount = amount, InvitedAt = at ?? T0 };

    private static InvitationItem Copy(InvitationItem item, ParticipantStatus status, long version, LoanStatus loanStatus = LoanStatus.Pending) =>
        new()
        {
            ParticipantId = item.ParticipantId,
            LoanId = item.LoanId,
            Status = status,
            LoanVersion = version,
            ContributionAmount = item.ContributionAmount,
            InvitedAt = item.InvitedAt,
            LoanStatus = loanStatus,
        };
}
