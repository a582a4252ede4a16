using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Mail;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Each invited lender gets one mail saying who invited them, for how much and why, with a link to the dashboard.</summary>
[Collection(ClusterTests.Name)]
public sealed class InvitationMailTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static Task<IReadOnlyList<OutgoingMail>> InvitationsToAsync(string email, int atLeast = 1) =>
        EventuallyAsync(() => Task.FromResult(TestMailbox.Instance.To(email)), mails => mails.Count >= atLeast, "the invitation mail");

    [Fact]
    public async Task CreateAsync_WithLenders_EachGetsMailWithBorrowerAmountPurposeAndDashboardLink()
    {
        var borrower = User(name: "Bea Borrower");
        var ann = Email("ann");
        var bob = Email("bob");

        await CreateLoanAsync(_grains, borrower, 2500m, Invite(ann, 1200m), Invite(bob, 300.5m));

        var mail = Assert.Single(await InvitationsToAsync(ann));
        Assert.Equal("Bea Borrower invites you to fund a loan", mail.Subject);
        Assert.Contains("Bea Borrower invites you to lend $1,200.00 towards a loan of $2,500.00 at 5.25% a year over 12 months.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Purpose: Kitchen renovation", mail.Text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5000/app/", mail.Text, StringComparison.Ordinal);
        Assert.Contains("$300.50", Assert.Single(await InvitationsToAsync(bob)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLendersAsync_NewLender_Mailed()
    {
        var borrower = User(name: "Ola Owner");
        var (loan, _) = await CreateLoanAsync(_grains, borrower, 1000m);
        var cai = Email("cai");

        await loan.AddLendersAsync(Add(borrower, Invite(cai, 250m)));

        Assert.Contains("Ola Owner invites you to lend $250.00", Assert.Single(await InvitationsToAsync(cai)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_RetriedAfterTheMailWasSent_NoSecondMail()
    {
        var borrower = User(name: "Rita Retry");
        var dan = Email("dan");
        var (loan, view) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(dan, 100m));
        var first = Assert.Single(await InvitationsToAsync(dan));
        var participantId = view.Participants[0].ParticipantId;
        var mailGrain = _grains.GetGrain<IInvitationMailGrain>(InvitationMails.Key(view.LoanId, view.Participants[0].InvitedAt));
        var invitation = new InvitationMail(view.LoanId, participantId, dan, "Rita Retry", 100m, 1000m, 5.25m, 12, "Kitchen renovation");

        // The loan's stored outbox still lists the mail (only the next write records the delivery), so a new
        // activation of the loan delivers it again; so may a retry after a lost reply. Both reach the mail grain.
        await ClusterFixture.DeactivateAsync(loan);
        await loan.GetAsync(ViewerOf(borrower));
        var again = await mailGrain.QueueAsync([invitation]);
        await ClusterFixture.DeactivateAsync(mailGrain);
        var afterReactivation = await mailGrain.QueueAsync([invitation]);

        Assert.True(again);
        Assert.True(afterReactivation);
        Assert.Equal(first.MessageId, Assert.Single(TestMailbox.Instance.To(dan)).MessageId);
    }

    [Fact]
    public async Task CreateAsync_ThreeLenders_OneMailGrainForTheCommandSendsEachOnce()
    {
        var borrower = User(name: "Cora Command");
        var lenders = new[] { Email("fay"), Email("gus"), Email("hal") };
        var (_, view) = await CreateLoanAsync(_grains, borrower, 3000m, [.. lenders.Select(l => Invite(l, 100m))]);
        foreach (var lender in lenders)
        {
            Assert.Single(await InvitationsToAsync(lender));
        }

        // The command's invitations share one invitation time, hence one mail grain, which reports all three sent.
        Assert.Single(view.Participants.Select(p => p.InvitedAt).Distinct());
        var commandGrain = _grains.GetGrain<IInvitationMailGrain>(InvitationMails.Key(view.LoanId, view.Participants[0].InvitedAt));
        Assert.True(await EventuallyAsync(() => commandGrain.QueueAsync([]), sent => sent, "all three mails sent"));
        Assert.All(lenders, l => Assert.Single(TestMailbox.Instance.To(l)));
    }

    [Fact]
    public async Task Delivery_InvitationAnsweredBeforeTheMailWentOut_DoneWithoutQueueing()
    {
        var invitedAt = DateTimeOffset.UtcNow;
        var participant = new ParticipantState { ParticipantId = Guid.NewGuid(), Email = Email("eve"), Status = ParticipantStatus.Declined, InvitedAt = invitedAt };
        var loan = new LoanState { LoanId = Guid.NewGuid(), Status = LoanStatus.Pending, Participants = [participant] };

        // A queued mail would answer false (not sent yet) on its first delivery.
        var done = await InvitationMails.SendAsync(_grains, [invitedAt], loan);

        Assert.True(done);
        Assert.Empty(TestMailbox.Instance.To(participant.Email));
    }
}
