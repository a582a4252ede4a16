using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>The loan's commands as pure functions over its state: no cluster involved.</summary>
public sealed class LoanCommandsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Actor _borrower = User(email: "borrower@example.com");

    [Fact]
    public void Create_WithLenders_VersionOneAndOutboxForBorrowerAndEachLender()
    {
        var loan = new LoanState();

        var view = IndexedCommands.Create(loan, Guid.NewGuid(), Create(_borrower, 1000m, Invite("a@example.com", 1m), Invite("b@example.com", 2m)), Now);

        Assert.Equal(1, view.Version);
        Assert.Equal([BorrowerIndexMessage.KindName, LenderIndexMessage.KindName, LenderIndexMessage.KindName, InvitationMailMessage.KindName],
            loan.Outbox.Select(u => u.Kind));
        Assert.Equal(["a@example.com", "b@example.com"], loan.Outbox.OfType<LenderIndexMessage>().Select(u => u.NormalizedEmail));
        // One mail entry for the command's invitations, found again by their invitation time.
        Assert.Equal(loan.Participants[0].InvitedAt, Assert.Single(loan.Outbox.OfType<InvitationMailMessage>()).InvitedAt);
        Assert.All(loan.Outbox, u => Assert.Equal(1, u.LoanVersion));
    }

    [Fact]
    public void Respond_AcceptedSumEqualsAmount_FundedOtherwisePending()
    {
        var loan = LoanWith(100m, ("a@example.com", 60m), ("b@example.com", 40m));

        var first = IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        var second = IndexedCommands.Respond(loan, Answer("b@example.com", loan.Participants[1], true), true, Now);

        Assert.Equal(LoanStatus.Pending, first.LoanStatus);
        Assert.Equal(LoanStatus.Funded, second.LoanStatus);
    }

    [Theory]
    [InlineData(LoanStatus.Funded)]
    [InlineData(LoanStatus.Cancelled)]
    public void Respond_LoanNotPending_Conflict(LoanStatus status)
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));
        loan.Status = status;

        var error = Assert.Throws<DomainException>(() => IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Theory]
    [InlineData(LoanStatus.Funded)]
    [InlineData(LoanStatus.Cancelled)]
    public void AddLenders_LoanNotPending_Conflict(LoanStatus status)
    {
        var loan = LoanWith(100m);
        loan.Status = status;

        var error = Assert.Throws<DomainException>(() => IndexedCommands.AddLenders(loan, Add(_borrower, Invite("x@example.com", 1m)), Now));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Fact]
    public void Respond_AcceptThenDeclineUpdate_OutboxKeepsOnlyNewestPerParticipant()
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));

        IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], false), false, Now);

        var update = Assert.Single(loan.Outbox.OfType<LenderIndexMessage>(), u => u.ParticipantId == loan.Participants[0].ParticipantId);
        Assert.Equal(ParticipantStatus.Declined, update.Status);
        Assert.Equal(loan.Version, update.LoanVersion);
    }

    [Fact]
    public void Figures_MixedParticipants_DerivedAsDocumented()
    {
        var loan = LoanWith(300m, ("a@example.com", 100m), ("b@example.com", 100m), ("c@example.com", 50m), ("d@example.com", 25m));
        IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        IndexedCommands.Respond(loan, Answer("d@example.com", loan.Participants[3], false), false, Now.AddMinutes(1));

        var figures = LoanViews.Figures(loan);

        Assert.Equal(250m, figures.TotalInvited);
        Assert.Equal(100m, figures.TotalFunded);
        Assert.Equal(33.33m, figures.FundingPercentage);
        Assert.Equal(4, figures.ParticipantCount);
        Assert.Equal(1, figures.AcceptedParticipantCount);
        Assert.Equal(2, figures.PendingParticipantCount);
        Assert.False(figures.IsFullyFunded);
        Assert.Equal(83.33m, figures.AverageContribution);
        Assert.Equal(100m, figures.LargestContribution);
        Assert.Equal(50m, figures.SmallestContribution);
        Assert.Equal(Now.AddMinutes(1), figures.LastFundingUpdate);
    }

    [Fact]
    public void Figures_OneCentShort_PercentageNeverRoundsUpTo100()
    {
        var loan = LoanWith(10_000_000m, ("a@example.com", 9_999_999.99m));
        IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);

        Assert.Equal(99.99m, LoanViews.Figures(loan).FundingPercentage);
    }

    [Fact]
    public void Figures_NoParticipants_NullAggregates()
    {
        var figures = LoanViews.Figures(LoanWith(100m));

        Assert.Null(figures.AverageContribution);
        Assert.Null(figures.LargestContribution);
        Assert.Null(figures.SmallestContribution);
        Assert.Equal(0m, figures.FundingPercentage);
    }

    [Fact]
    public void Link_SameAccountTwice_ChangesOnlyOnce()
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));
        var link = new LinkLender("a@example.com", Guid.NewGuid(), "Ann");

        Assert.True(IndexedCommands.Link(loan, link, Now));
        var version = loan.Version;
        Assert.False(IndexedCommands.Link(loan, link, Now));
        Assert.Equal(version, loan.Version);
        Assert.Equal(link.LenderId, loan.Participants[0].LenderId);
    }

    [Fact]
    public void UpdateTerms_NothingChanges_NoVersionBump()
    {
        var loan = LoanWith(100m);

        Assert.False(IndexedCommands.UpdateTerms(loan, new UpdateLoanTerms(_borrower, 1, 100m, null, null, null), Now));
        Assert.Equal(1, loan.Version);
    }

    [Fact]
    public void Clone_ChangedCopy_OriginalUntouched()
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));
        var copy = loan.Clone();

        IndexedCommands.Respond(copy, Answer("a@example.com", copy.Participants[0], true), true, Now);

        Assert.Equal(ParticipantStatus.Pending, loan.Participants[0].Status);
        Assert.Equal(1, loan.Version);
        Assert.Equal(ParticipantStatus.Accepted, copy.Participants[0].Status);
    }

    [Fact]
    public void Cancel_ParticipantsInEveryStatus_OneLenderUpdateEachCarryingCancelled()
    {
        var loan = LoanWith(300m, ("a@example.com", 100m), ("b@example.com", 100m), ("c@example.com", 50m));
        IndexedCommands.Respond(loan, Answer("b@example.com", loan.Participants[1], true), true, Now);
        IndexedCommands.Respond(loan, Answer("c@example.com", loan.Participants[2], false), false, Now);
        loan.Outbox.Clear(); // as if everything so far had been delivered

        IndexedCommands.Cancel(loan, new CancelLoan(_borrower, "changed my mind"), Now);

        var updates = loan.Outbox.OfType<LenderIndexMessage>().ToList();
        Assert.Equal(loan.Participants.Select(p => p.ParticipantId), updates.Select(u => u.ParticipantId));
        Assert.Equal(
            [ParticipantStatus.Pending, ParticipantStatus.Accepted, ParticipantStatus.Declined], updates.Select(u => u.Status));
        Assert.All(updates, u => Assert.Equal(LoanStatus.Cancelled, u.LoanStatus));
        Assert.All(updates, u => Assert.Equal(loan.Version, u.LoanVersion));
    }

    [Fact]
    public void Respond_EveryLenderUpdate_CarriesTheLoanStatusOfItsVersion()
    {
        var loan = LoanWith(100m, ("a@example.com", 60m), ("b@example.com", 40m));
        Assert.All(loan.Outbox.OfType<LenderIndexMessage>(), u => Assert.Equal(LoanStatus.Pending, u.LoanStatus));

        IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        Assert.Equal(LoanStatus.Pending, Assert.Single(loan.Outbox.OfType<LenderIndexMessage>(), u => u.ParticipantId == loan.Participants[0].ParticipantId).LoanStatus);
        IndexedCommands.Respond(loan, Answer("b@example.com", loan.Participants[1], true), true, Now);

        var funding = Assert.Single(loan.Outbox.OfType<LenderIndexMessage>(), u => u.ParticipantId == loan.Participants[1].ParticipantId);
        Assert.Equal(LoanStatus.Funded, funding.LoanStatus);
        Assert.Equal(loan.Version, funding.LoanVersion);
    }

    [Fact]
    public void Respond_AcceptanceFundsLoan_EarlierAccepterHearsFundedToo()
    {
        var loan = LoanWith(100m, ("a@example.com", 60m), ("b@example.com", 40m));
        IndexedCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        loan.Outbox.Clear(); // as if everything so far had been delivered

        IndexedCommands.Respond(loan, Answer("b@example.com", loan.Participants[1], true), true, Now);

        // The earlier accepter's portfolio must not keep showing the loan as PENDING.
        var updates = loan.Outbox.OfType<LenderIndexMessage>().ToList();
        Assert.Equal(loan.Participants.Select(p => p.ParticipantId).Order(), updates.Select(u => u.ParticipantId).Order());
        Assert.All(updates, u => Assert.Equal((LoanStatus.Funded, loan.Version), (u.LoanStatus, u.LoanVersion)));
    }

    /// <summary>
    /// The funding invariant: non-declined contributions never exceed the amount and the loan is FUNDED exactly when the accepted
    /// ones equal it. With every contribution positive, a FUNDED loan therefore has no PENDING participant left, so no
    /// invitation is stranded (nobody can answer one once the loan is FUNDED). Random command sequences, checked after
    /// every step; amounts on a coarse grid so that exact funding happens often.
    /// </summary>
    [Fact]
    public void Invariants_RandomCommandSequences_FundedLoanHasNoPendingParticipant()
    {
        var random = new Random(20250301);
        var funded = 0;
        for (var run = 0; run < 400; run++)
        {
            var loan = LoanWith(random.Next(1, 11) * 10m);
            var lenders = Enumerable.Range(0, 8).Select(i => LenderFor($"l{i}@example.com")).ToArray();
            for (var step = 0; step < 40; step++)
            {
                var wasFunded = loan.Status == LoanStatus.Funded;
                try
                {
                    // As the grain does: the command changes a copy, which replaces the state only if it succeeds.
                    var next = loan.Clone();
                    RandomCommand(next, random, lenders);
                    loan = next;
                }
                catch (DomainException ex) when (ex.Code is DomainErrorCode.Conflict or DomainErrorCode.OverFunding or DomainErrorCode.DuplicateLender)
                {
                    // Refused; the state stays as it was.
                }

                var nonDeclined = loan.Participants.Where(p => p.Status != ParticipantStatus.Declined).Sum(p => p.ContributionAmount);
                var accepted = loan.Participants.Where(p => p.Status == ParticipantStatus.Accepted).Sum(p => p.ContributionAmount);
                Assert.True(nonDeclined <= loan.Amount, $"run {run} step {step}: invited {nonDeclined} > amount {loan.Amount}");
                Assert.Equal(accepted == loan.Amount, loan.Status == LoanStatus.Funded);
                if (loan.Status == LoanStatus.Funded)
                {
                    Assert.DoesNotContain(loan.Participants, p => p.Status == ParticipantStatus.Pending);
                    Assert.Equal(0, LoanViews.Figures(loan).PendingParticipantCount);
                }

                Assert.True(!wasFunded || loan.Status == LoanStatus.Funded, "a FUNDED loan never leaves FUNDED");
            }

            funded += loan.Status == LoanStatus.Funded ? 1 : 0;
        }

        Assert.InRange(funded, 50, 400); // the sequences really did reach FUNDED, often
    }

    [Fact]
    public void PendingIndexUpdate_StoredBeforeLoanStatusExisted_ReadsAsPending()
    {
        const string stored = "{\"Seq\":4,\"Kind\":1,\"Target\":\"A@EXAMPLE.COM\",\"Status\":0,\"ContributionAmount\":50,\"LoanVersion\":2}";

        var update = System.Text.Json.JsonSerializer.Deserialize<PendingIndexUpdate>(stored)!;

        Assert.Equal(LoanStatus.Pending, update.LoanStatus);
        Assert.Equal(2, update.LoanVersion);
    }

    private void RandomCommand(LoanState loan, Random random, Actor[] lenders)
    {
        var pending = loan.Participants.Where(p => p.Status == ParticipantStatus.Pending).ToList();
        switch (random.Next(4))
        {
            case 0:
                var invites = Enumerable.Range(0, random.Next(1, 3))
                    .Select(_ => Invite(lenders[random.Next(lenders.Length)].Email, random.Next(1, 6) * 10m)).ToArray();
                IndexedCommands.AddLenders(loan, Add(_borrower, invites), Now);
                break;
            case 1 or 2 when pending.Count > 0:
                var p = pending[random.Next(pending.Count)];
                var accept = random.Next(3) > 0;
                var lender = lenders.Single(l => l.Email == p.Email);
                // The lender accepts the terms as they stand (terms changes are random steps too).
                IndexedCommands.Respond(loan, Respond(lender, p.ParticipantId, accept, termsVersion: LoanViews.TermsVersion(loan)), accept, Now);
                break;
            default:
                var amount = random.Next(1, 11) * 10m;
                IndexedCommands.UpdateTerms(loan, new UpdateLoanTerms(_borrower, loan.Version, amount, null, null, null), Now);
                break;
        }
    }

    private LoanState LoanWith(decimal amount, params (string Email, decimal Amount)[] lenders)
    {
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(_borrower, amount, [.. lenders.Select(l => Invite(l.Email, l.Amount))]), Now);
        return loan;
    }

    private static RespondToInvitation Answer(string email, ParticipantState participant, bool accept) =>
        Respond(LenderFor(email), participant.ParticipantId, accept);
}
