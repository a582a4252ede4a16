using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// A lender invited by many loans: the index is chunked so no storage item grows with the number of invitations
/// (one item that only grew passed DynamoDB's 400 KB at about 1,600 participations and then refused every update).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LenderIndexChunkingTests(ClusterFixture fixture)
{
    private const int Loans = 2000;

    /// <summary>
    /// The lender grain's own item holds at most <see cref="LenderChunks.TailMax"/> participations (about 300 bytes of
    /// JSON each): every answer to an invitation in it rewrites it, so it stays a few kilobytes.
    /// </summary>
    private const int HeadItemBytesBound = 32_000;

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task GetInvitationsAsync_InvitedByTwoThousandLoans_AllPagedAndUpdatesReachChunks()
    {
        CountingJsonSerializer.ResetLargest();
        var email = Email();
        var loans = new List<(ILoanGrain Grain, LoanView View)>();
        foreach (var batch in Enumerable.Range(0, Loans).Chunk(100))
        {
            loans.AddRange(await Task.WhenAll(batch.Select(i => CreateLoanAsync(_grains, User(), 5000m, Invite(email, 1m + i)))));
        }

        // The oldest invitation has long been sealed into a chunk: accepting it must update the chunk.
        var oldest = loans.MinBy(l => (l.View.Participants[0].InvitedAt, l.View.Participants[0].ParticipantId));
        await oldest.Grain.AcceptAsync(Respond(LenderFor(email), oldest.View.Participants[0].ParticipantId, accept: true));
        var lender = _grains.GetGrain<IInvitationIndexGrain>(Key(email));
        await EventuallyAsync(() => lender.GetPortfolioAsync(new PageRequest(10)), p => p.TotalCount == 1, "the acceptance reaches the lender");
        await ClusterFixture.DeactivateAsync(lender);

        var pending = await ReadAllAsync(lender, ParticipantStatus.Pending);
        var all = await ReadAllAsync(lender, null);
        var portfolio = await lender.GetPortfolioAsync(new PageRequest(10));

        Assert.Equal(Loans - 1, pending.Count);
        Assert.Equal(Loans, all.Count);
        Assert.Equal(Loans, all.Select(v => v.Participant.LoanId).Distinct().Count());
        Assert.Equal(all.OrderByDescending(v => v.Participant.InvitedAt).Select(v => v.Participant.ParticipantId), all.Select(v => v.Participant.ParticipantId));
        Assert.Equal(oldest.View.LoanId, Assert.Single(portfolio.Page.Items).Participant.LoanId);
        Assert.Equal(oldest.View.Participants[0].ContributionAmount, portfolio.TotalCommitted);
        Assert.InRange(CountingJsonSerializer.LargestWrite<LenderState>(), 1, HeadItemBytesBound);
    }

    private static async Task<List<InvitationView>> ReadAllAsync(IInvitationIndexGrain lender, ParticipantStatus? status)
    {
        var seen = new List<InvitationView>();
        string? cursor = null;
        do
        {
            var page = await lender.GetInvitationsAsync(status, new PageRequest(100, cursor));
            Assert.InRange(page.Items.Length, 0, 100);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return seen;
    }
}
