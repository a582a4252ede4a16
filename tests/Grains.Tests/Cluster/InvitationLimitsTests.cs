using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Mail;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// The daily invitation quota of a sender (taken by the loan's write step, so every route meets it) and the daily
/// cap on invitation mails to one address (the invitation is made all the same), with small configured limits.
/// </summary>
[Collection(LimitsClusterTests.Name)]
public sealed class InvitationLimitsTests(LimitsClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Invite_PastTheSendersDailyQuota_RefusedWholeOnEveryRouteAndAcrossLoans()
    {
        var borrower = User();
        var (loan, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 1m), Invite(Email(), 1m));
        await loan.AddLendersAsync(Add(borrower, Invite(Email(), 1m), Invite(Email(), 1m)));

        // Four used of six: three more would pass the quota, so none is invited; two still fit.
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => loan.AddLendersBatchAsync(Add(borrower, Invite(Email(), 1m), Invite(Email(), 1m), Invite(Email(), 1m))));
        var fits = await loan.AddLendersBatchAsync(Add(borrower, Invite(Email(), 1m), Invite(Email(), 1m)));
        var (other, otherView) = await CreateLoanAsync(_grains, borrower, 1000m);
        var refused = new[]
        {
            tooMany,
            await Assert.ThrowsAsync<DomainException>(() => other.AddLendersAsync(Add(borrower, Invite(Email(), 1m)))),
            await Assert.ThrowsAsync<DomainException>(() => other.AddLendersBatchAsync(Add(borrower, Invite(Email(), 1m)))),
            await Assert.ThrowsAsync<DomainException>(() => CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 1m))),
        };

        Assert.Equal(2, fits.Value.Results.Count(r => r.Participant is not null));
        Assert.All(refused, e =>
        {
            Assert.Equal(DomainErrorCode.InvitationQuotaExceeded, e.Code);
            Assert.InRange(e.RetryAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromDays(1));
        });
        Assert.Equal(LimitsClusterFixture.DailyPerSender, (await loan.GetAsync(ViewerOf(borrower)))!.Participants.Length);
        var otherNow = (await other.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal((0, otherView.Version), (otherNow.Participants.Length, otherNow.Version));
        // Another sender's quota is their own.
        await CreateLoanAsync(_grains, User(), 1000m, Invite(Email(), 1m));
    }

    /// <summary>
    /// Additions queued behind a write in flight are written as one batch, which takes the quota once; a batch that
    /// would pass it is checked again per command, so only the additions over it are refused.
    /// </summary>
    [Fact]
    public async Task Invite_QueuedAdditionsPassingTheQuotaTogether_OnlyThoseOverItRefused()
    {
        var borrower = User();
        var (loan, _) = await CreateLoanAsync(_grains, borrower, 1000m);
        var writes = ConflictCountingStorage.Writes(loan.GetGrainId());
        ConflictCountingStorage.DelayNextWrite(loan.GetGrainId(), TimeSpan.FromMilliseconds(400));
        var first = loan.AddLendersAsync(Add(borrower, Invite(Email(), 1m)));
        await EventuallyAsync(() => Task.FromResult(ConflictCountingStorage.Writes(loan.GetGrainId())), n => n > writes, "the first write in flight");

        // One used of six; three more additions of two each: the first two fit, the third would pass the quota.
        var queued = Enumerable.Range(0, 3).Select(_ => Outcome(loan.AddLendersAsync(Add(borrower, Invite(Email(), 1m), Invite(Email(), 1m))))).ToArray();
        await first;
        var outcomes = await Task.WhenAll(queued);

        Assert.Equal(2, outcomes.Count(o => o is null));
        Assert.Single(outcomes, o => o == DomainErrorCode.InvitationQuotaExceeded);
        Assert.Equal(5, (await loan.GetAsync(ViewerOf(borrower)))!.Participants.Length);
    }

    [Fact]
    public async Task Invitations_OneLenderInvitedByMoreLoansThanTheMailCap_ListsEveryOneAndMailsOnlyTheCap()
    {
        const int loans = 5;
        var lender = Email("popular");
        var views = new List<LoanView>();
        for (var i = 0; i < loans; i++)
        {
            views.Add((await CreateLoanAsync(_grains, User(), 1000m, Invite(lender, 10m))).View);
        }

        // Every mail grain has dealt with its invitation: mailed it, or left it out past the cap (an empty call queues nothing).
        await EventuallyAsync(
            () => Task.WhenAll(views.Select(v => _grains.GetGrain<IInvitationMailGrain>(InvitationMails.Key(v.LoanId, v.Participants[0].InvitedAt)).QueueAsync([]))),
            sent => sent.All(s => s), "every invitation mail handled");
        var listed = await EventuallyAsync(
            () => _grains.GetGrain<IInvitationIndexGrain>(Key(lender)).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(100)),
            page => page.Items.Length == loans, "every invitation listed");

        Assert.Equal(LimitsClusterFixture.DailyMailsPerRecipient, TestMailbox.Instance.To(lender).Count);
        Assert.Equal(views.Select(v => v.LoanId).Order(), listed.Items.Select(i => i.Participant.LoanId).Order());
    }
}
