using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Index updates are written with the loan change and delivered at least once. Failures are injected by the
/// test silo's call filter (the receiving grain throws), so what is exercised is the real retry and re-activation path.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class OutboxTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Outbox_LenderFailsThenLoanDeactivated_DeliveredFromStateOnNextActivation()
    {
        var email = Email();
        var borrower = User();
        TestCallFilter.Fail("UpsertAsync", Key(email), 1000);
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var lender = _grains.GetGrain<IInvitationIndexGrain>(Key(email));
        Assert.Empty((await lender.GetInvitationsAsync(null, new PageRequest(10))).Items);

        await ClusterFixture.DeactivateAsync(grain);
        TestCallFilter.StopFailing("UpsertAsync", Key(email));
        // Past the first retry's backoff: had the old activation (and its timer) survived, it would deliver now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty((await lender.GetInvitationsAsync(null, new PageRequest(10))).Items);

        await grain.GetAsync(ViewerOf(borrower)); // activates the loan, which finds the update still in its state

        var page = await EventuallyAsync(
            () => lender.GetInvitationsAsync(null, new PageRequest(10)), p => !p.Items.IsEmpty, "the re-delivered invitation");
        Assert.Equal(created.Participants[0].ParticipantId, Assert.Single(page.Items).Participant.ParticipantId);
    }

    [Fact]
    public async Task Outbox_LenderFailsOnce_RetriedByTimer()
    {
        var email = Email();
        TestCallFilter.Fail("UpsertAsync", Key(email), 1);

        var (_, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));

        var page = await EventuallyAsync(
            () => _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(null, new PageRequest(10)),
            p => !p.Items.IsEmpty, "the retried invitation");
        Assert.Equal(created.LoanId, Assert.Single(page.Items).Participant.LoanId);
        Assert.Equal(2, TestCallFilter.CallCount("UpsertAsync", Key(email)));
    }

    [Fact]
    public async Task Outbox_BorrowerIndexFails_LoanListedAfterReactivation()
    {
        var borrower = User();
        var borrowerKey = borrower.UserId.ToString("N");
        TestCallFilter.Fail("AddLoansAsync", borrowerKey, 1000);
        var (grain, created) = await CreateLoanAsync(_grains, borrower);
        var index = _grains.GetGrain<IBorrowerGrain>(borrower.UserId);
        Assert.Empty((await index.GetLoansAsync(new PageRequest(10))).Items);

        await ClusterFixture.DeactivateAsync(grain);
        TestCallFilter.StopFailing("AddLoansAsync", borrowerKey);
        await grain.GetAsync(ViewerOf(borrower));

        var page = await EventuallyAsync(() => index.GetLoansAsync(new PageRequest(10)), p => !p.Items.IsEmpty, "the loan in the borrower index");
        Assert.Equal(created.LoanId, Assert.Single(page.Items).LoanId);
    }

    /// <summary>
    /// Delivered entries leave the stored outbox with the loan's next write, never with a write on deactivation (see
    /// <see cref="WriteConflictTests"/>): a new activation before that write re-sends them once, and the index,
    /// which already holds that loan version, ignores it without writing.
    /// </summary>
    [Fact]
    public async Task Outbox_DeliveredThenDeactivated_ResentOnceAndIgnoredByIndex()
    {
        var email = Email();
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var sent = TestCallFilter.CallCount("UpsertAsync", Key(email));
        var lenderWrites = CountingJsonSerializer.Writes<LenderState>();

        await ClusterFixture.DeactivateAsync(grain);
        await Task.Delay(200);
        await grain.GetAsync(ViewerOf(borrower));
        await EventuallyAsync(() => Task.FromResult(TestCallFilter.CallCount("UpsertAsync", Key(email))), n => n == sent + 1, "the re-sent update");
        await Task.Delay(300);

        Assert.Equal(1, sent);
        Assert.Equal(sent + 1, TestCallFilter.CallCount("UpsertAsync", Key(email)));
        Assert.Equal(lenderWrites, CountingJsonSerializer.Writes<LenderState>());
        Assert.Single((await _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(null, new PageRequest(10))).Items);
    }

    [Fact]
    public async Task LinkAccountAsync_LoanRefusesLinkOnce_RetriedUntilLinked()
    {
        var email = Email();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        TestCallFilter.Fail("LinkLenderAsync", created.LoanId.ToString("N"), 1);

        var account = (await _grains.GetGrain<IAccountGrain>(Key(email)).RegisterAsync(new RegisterUser(email, "Zed", "hash"))).Value;
        // Linking starts when the address is verified, with the token from the mailed link.
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out _, out var secret));
        Assert.True(await _grains.GetGrain<IAccountGrain>(Key(email)).VerifyEmailAsync(account.UserId, secret));

        var view = await EventuallyAsync(
            () => grain.GetAsync(ViewerOf(borrower)), v => v!.Participants[0].LenderId is not null, "the retried link");
        Assert.Equal(account.UserId, view!.Participants[0].LenderId);
    }
}
