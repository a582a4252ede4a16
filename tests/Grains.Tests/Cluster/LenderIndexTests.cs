using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class LenderIndexTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task GetInvitationsAsync_AfterInvite_PendingWithLoanTerms()
    {
        var email = Email();
        var (_, created) = await CreateLoanAsync(_grains, User(name: "Bob Borrower"), 1000m, Invite(email, 250m));

        var page = await Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10));

        var invitation = Assert.Single(page.Items);
        Assert.Equal(created.Participants[0].ParticipantId, invitation.Participant.ParticipantId);
        Assert.Equal("Bob Borrower", invitation.BorrowerName);
        Assert.Equal(1000m, invitation.Terms.Amount);
        Assert.Equal(LoanStatus.Pending, invitation.LoanStatus);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task UpsertAsync_ReSentAndReordered_ParticipationListedOnceAtNewestVersion()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 250m));
        var p = created.Participants[0];
        var accepted = await grain.AcceptAsync(Respond(LenderFor(email), p.ParticipantId, accept: true));
        var lender = Lender(email);
        var writes = CountingJsonSerializer.Writes<LenderState>();
        var v1 = new InvitationIndexEntry(p.ParticipantId, p.LoanId, ParticipantStatus.Pending, 250m, p.InvitedAt, created.Version);
        var v2 = v1 with { Status = ParticipantStatus.Accepted, LoanVersion = accepted.Value.LoanVersion };

        await lender.UpsertAsync([v1]);
        await lender.UpsertAsync([v2, v1, v2]);
        var all = await lender.GetInvitationsAsync(null, new PageRequest(10));
        var pending = await lender.GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10));
        var portfolio = await lender.GetPortfolioAsync(new PageRequest(10));

        Assert.Equal(ParticipantStatus.Accepted, Assert.Single(all.Items).Participant.Status);
        Assert.Empty(pending.Items);
        Assert.Single(portfolio.Page.Items);
        Assert.Equal(250m, portfolio.TotalCommitted);
        Assert.Equal(writes, CountingJsonSerializer.Writes<LenderState>());
    }

    [Fact]
    public async Task GetInvitationsAsync_ReInvitedAfterDecline_LoanListedOnce()
    {
        var email = Email();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 250m));
        await grain.DeclineAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: false));
        var again = (await grain.AddLendersAsync(Add(borrower, Invite(email, 300m)))).Value.Added[0];

        var all = await Lender(email).GetInvitationsAsync(null, new PageRequest(10));
        var pending = await Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10));
        var declined = await Lender(email).GetInvitationsAsync(ParticipantStatus.Declined, new PageRequest(10));

        Assert.Equal(again.ParticipantId, Assert.Single(all.Items).Participant.ParticipantId);
        Assert.Equal(again.ParticipantId, Assert.Single(pending.Items).Participant.ParticipantId);
        Assert.Equal(created.Participants[0].ParticipantId, Assert.Single(declined.Items).Participant.ParticipantId);
    }

    [Fact]
    public async Task GetInvitationsAsync_SevenInvitations_PagedNewestFirstWithoutDuplicatesOrGaps()
    {
        var email = Email();
        var loans = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            loans.Add((await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 10m + i))).View.LoanId);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Lender(email).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(3, cursor));
            seen.AddRange(page.Items.Select(i => i.Participant.LoanId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(loans), seen);
    }

    [Fact]
    public async Task GetPortfolioAsync_ThreeAcceptedOnePending_PageWithTotalsOverAll()
    {
        var email = Email();
        var lenderAccount = LenderFor(email);
        foreach (var amount in new[] { 100m, 200m, 300.5m })
        {
            var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, amount));
            await grain.AcceptAsync(Respond(lenderAccount, created.Participants[0].ParticipantId, accept: true));
        }

        await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 999m));

        var first = await Lender(email).GetPortfolioAsync(new PageRequest(2));
        var second = await Lender(email).GetPortfolioAsync(new PageRequest(2, first.Page.NextCursor));

        Assert.Equal(600.5m, first.TotalCommitted);
        Assert.Equal(3, first.TotalCount);
        Assert.Equal([300.5m, 200m], first.Page.Items.Select(i => i.Participant.ContributionAmount));
        Assert.True(first.Page.HasMore);
        Assert.Equal(100m, Assert.Single(second.Page.Items).Participant.ContributionAmount);
        Assert.All(first.Page.Items.Concat(second.Page.Items), i => Assert.Equal(ParticipantStatus.Accepted, i.Participant.Status));
    }

    [Fact]
    public async Task GetInvitationsAsync_InvalidCursor_ValidationOnNextToken()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Lender(Email()).GetInvitationsAsync(null, new PageRequest(10, "not-a-cursor")));

        Assert.Contains("next_token", error.Errors!.Keys);
    }

    [Fact]
    public async Task LinkAccountAsync_EmailOfAnotherKey_RefusedAndLoanNotLinked()
    {
        var email = Email();
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 250m));

        // The key cannot be turned back into the address, so the caller names it; a wrong one must not link anything.
        await Assert.ThrowsAsync<ArgumentException>(() => Lender(email).LinkAccountAsync(Guid.NewGuid(), "Mallory", Key(Email())));
        await Assert.ThrowsAsync<ArgumentException>(() => Lender(email).LinkAccountAsync(Guid.NewGuid(), "Mallory", Email()));

        Assert.Null(Assert.Single((await grain.GetAsync(ViewerOf(borrower)))!.Participants).LenderId);
    }

    private IInvitationIndexGrain Lender(string email) => _grains.GetGrain<IInvitationIndexGrain>(Key(email));
}
