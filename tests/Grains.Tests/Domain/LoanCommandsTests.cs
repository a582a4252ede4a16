using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
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

        var view = LoanCommands.Create(loan, Guid.NewGuid(), Create(_borrower, 1000m, Invite("a@example.com", 1m), Invite("b@example.com", 2m)), Now);

        Assert.Equal(1, view.Version);
        Assert.Equal([IndexTarget.Lender, IndexTarget.Lender, IndexTarget.Borrower], loan.Outbox.Select(u => u.Kind));
        Assert.Equal(["A@EXAMPLE.COM", "B@EXAMPLE.COM"], loan.Outbox.Take(2).Select(u => u.Target));
        Assert.All(loan.Outbox, u => Assert.Equal(1, u.LoanVersion));
    }

    [Fact]
    public void Respond_AcceptedSumEqualsAmount_FundedOtherwisePending()
    {
        var loan = LoanWith(100m, ("a@example.com", 60m), ("b@example.com", 40m));

        var first = LoanCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        var second = LoanCommands.Respond(loan, Answer("b@example.com", loan.Participants[1], true), true, Now);

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

        var error = Assert.Throws<DomainException>(() => LoanCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now));

        Assert.Equal(ErrorCode.Conflict, error.Code);
    }

    [Theory]
    [InlineData(LoanStatus.Funded)]
    [InlineData(LoanStatus.Cancelled)]
    public void AddLenders_LoanNotPending_Conflict(LoanStatus status)
    {
        var loan = LoanWith(100m);
        loan.Status = status;

        var error = Assert.Throws<DomainException>(() => LoanCommands.AddLenders(loan, Add(_borrower, Invite("x@example.com", 1m)), Now));

        Assert.Equal(ErrorCode.Conflict, error.Code);
    }

    [Fact]
    public void Respond_AcceptThenDeclineUpdate_OutboxKeepsOnlyNewestPerParticipant()
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));

        LoanCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], false), false, Now);

        var update = Assert.Single(loan.Outbox, u => u.ParticipantId == loan.Participants[0].ParticipantId);
        Assert.Equal(ParticipantStatus.Declined, update.Status);
        Assert.Equal(loan.Version, update.LoanVersion);
    }

    [Fact]
    public void Figures_MixedParticipants_DerivedAsDocumented()
    {
        var loan = LoanWith(300m, ("a@example.com", 100m), ("b@example.com", 100m), ("c@example.com", 50m), ("d@example.com", 25m));
        LoanCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);
        LoanCommands.Respond(loan, Answer("d@example.com", loan.Participants[3], false), false, Now.AddMinutes(1));

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
        LoanCommands.Respond(loan, Answer("a@example.com", loan.Participants[0], true), true, Now);

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
        var link = new LinkLender("A@EXAMPLE.COM", Guid.NewGuid(), "Ann");

        Assert.True(LoanCommands.Link(loan, link, Now));
        var version = loan.Version;
        Assert.False(LoanCommands.Link(loan, link, Now));
        Assert.Equal(version, loan.Version);
        Assert.Equal(link.LenderId, loan.Participants[0].LenderId);
    }

    [Fact]
    public void UpdateTerms_NothingChanges_NoVersionBump()
    {
        var loan = LoanWith(100m);

        Assert.False(LoanCommands.UpdateTerms(loan, new UpdateLoanTerms(_borrower, 1, 100m, null, null, null), Now));
        Assert.Equal(1, loan.Version);
    }

    [Fact]
    public void Clone_ChangedCopy_OriginalUntouched()
    {
        var loan = LoanWith(100m, ("a@example.com", 50m));
        var copy = loan.Clone();

        LoanCommands.Respond(copy, Answer("a@example.com", copy.Participants[0], true), true, Now);

        Assert.Equal(ParticipantStatus.Pending, loan.Participants[0].Status);
        Assert.Equal(1, loan.Version);
        Assert.Equal(ParticipantStatus.Accepted, copy.Participants[0].Status);
    }

    private LoanState LoanWith(decimal amount, params (string Email, decimal Amount)[] lenders)
    {
        var loan = new LoanState();
        LoanCommands.Create(loan, Guid.NewGuid(), Create(_borrower, amount, [.. lenders.Select(l => Invite(l.Email, l.Amount))]), Now);
        return loan;
    }

    private static RespondToInvitation Answer(string email, ParticipantState participant, bool accept) =>
        Respond(LenderFor(email), participant.ParticipantId, accept);
}
