using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class FundingDeadlinesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FundingDeadlineOptions Defaults = new();

    [Fact]
    public void Resolve_NoneRequested_DefaultDaysFromNow() =>
        Assert.Equal(Now.AddDays(LoanLimits.DefaultFundingDays), FundingDeadlines.Resolve(null, Now, Defaults));

    [Fact]
    public void Resolve_WithinMaximum_KeepsRequested() =>
        Assert.Equal(Now.AddDays(LoanLimits.MaxFundingDays), FundingDeadlines.Resolve(Now.AddDays(LoanLimits.MaxFundingDays), Now, Defaults));

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(LoanLimits.MaxFundingDays * 86_400 + 1)]
    public void Resolve_NotInTheFutureOrTooFar_InvalidFundingDeadline(int secondsFromNow)
    {
        var error = Assert.Throws<DomainException>(() => FundingDeadlines.Resolve(Now.AddSeconds(secondsFromNow), Now, Defaults));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("funding_deadline", error.Errors!.Keys);
    }

    [Fact]
    public void Resolve_ConfiguredShorter_BothDefaultAndMaximumShrink()
    {
        var options = new FundingDeadlineOptions { DefaultDays = 14, MaxDays = 20 };

        Assert.Equal(Now.AddDays(14), FundingDeadlines.Resolve(null, Now, options));
        Assert.Throws<DomainException>(() => FundingDeadlines.Resolve(Now.AddDays(21), Now, options));
    }

    [Fact]
    public void Resolve_ConfiguredLongerThanPublished_PublishedMaximumHolds() =>
        Assert.Throws<DomainException>(() =>
            FundingDeadlines.Resolve(Now.AddDays(LoanLimits.MaxFundingDays + 1), Now, new FundingDeadlineOptions { MaxDays = 365 }));

    [Fact]
    public void Expire_BeforeDeadline_ChangesNothing()
    {
        var loan = Pending(Now.AddSeconds(1));

        Assert.False(IndexedCommands.Expire(loan, Now));
        Assert.Equal(LoanStatus.Pending, loan.Status);
        Assert.Empty(loan.Outbox);
    }

    [Theory]
    [InlineData(LoanStatus.Funded)]
    [InlineData(LoanStatus.Cancelled)]
    [InlineData(LoanStatus.Expired)]
    public void Expire_NotPending_ChangesNothing(LoanStatus status)
    {
        var loan = Pending(Now.AddDays(-1));
        loan.Status = status;

        Assert.False(IndexedCommands.Expire(loan, Now));
        Assert.Equal(status, loan.Status);
    }

    [Fact]
    public void Expire_LoanWithoutDeadline_NeverExpires() =>
        Assert.False(IndexedCommands.Expire(Pending(null), Now.AddYears(10)));

    [Fact]
    public void Expire_AtDeadline_ExpiresBumpsVersionAndTellsEveryLender()
    {
        var loan = Pending(Now);
        var version = loan.Version;

        Assert.True(IndexedCommands.Expire(loan, Now));

        Assert.Equal(LoanStatus.Expired, loan.Status);
        Assert.Equal(version + 1, loan.Version);
        Assert.Equal(FundingDeadlines.System, loan.UpdatedBy);
        Assert.Equal(2, loan.Outbox.Count);
        Assert.All(loan.Outbox, u => Assert.Equal((LoanStatus.Expired, loan.Version), (Assert.IsType<LenderIndexMessage>(u).LoanStatus, u.LoanVersion)));
    }

    [Fact]
    public void Commands_OnExpiredLoan_Conflict()
    {
        var loan = Pending(Now);
        IndexedCommands.Expire(loan, Now);
        var borrower = new Actor(loan.BorrowerId, "b@example.com", "B", EmailVerified: true);

        Assert.Equal(DomainErrorCode.Conflict, Assert.Throws<DomainException>(() => IndexedCommands.Cancel(loan, new CancelLoan(borrower, "why"), Now)).Code);
        Assert.Equal(DomainErrorCode.Conflict, Assert.Throws<DomainException>(() => IndexedCommands.AddLenders(loan, Add(borrower, Invite(Email(), 1m)), Now)).Code);
        Assert.Equal(DomainErrorCode.Conflict, Assert.Throws<DomainException>(() =>
            IndexedCommands.UpdateTerms(loan, new UpdateLoanTerms(borrower, loan.Version, 900m, null, null, null), Now)).Code);
        var pending = loan.Participants[1];
        Assert.Equal(DomainErrorCode.Conflict, Assert.Throws<DomainException>(() =>
            IndexedCommands.Respond(loan, Respond(LenderFor(pending.Email), pending.ParticipantId, accept: true), true, Now)).Code);
    }

    [Fact]
    public void LenderIndex_ExpiredLoan_NeitherPendingNorCommitted()
    {
        Assert.False(LenderIndex.Committed(ParticipantStatus.Accepted, LoanStatus.Expired));
        Assert.False(LenderIndex.Shows(ParticipantStatus.Pending, ParticipantStatus.Pending, LoanStatus.Expired));
        Assert.True(LenderIndex.Shows(ParticipantStatus.Accepted, ParticipantStatus.Accepted, LoanStatus.Expired));
    }

    /// <summary>A pending loan with one accepted and one pending participant.</summary>
    private static LoanState Pending(DateTimeOffset? deadline)
    {
        var loan = new LoanState
        {
            Exists = true,
            LoanId = Guid.NewGuid(),
            BorrowerId = Guid.NewGuid(),
            Amount = 1000m,
            Status = LoanStatus.Pending,
            Version = 3,
            FundingDeadline = deadline,
        };
        loan.Participants.Add(new ParticipantState
        {
            ParticipantId = Guid.NewGuid(), Email = "a@example.com", NormalizedEmail = EmailAddress.Normalize("a@example.com"),
            ContributionAmount = 100m, Status = ParticipantStatus.Accepted,
        });
        loan.Participants.Add(new ParticipantState
        {
            ParticipantId = Guid.NewGuid(), Email = "p@example.com", NormalizedEmail = EmailAddress.Normalize("p@example.com"),
            ContributionAmount = 200m, Status = ParticipantStatus.Pending,
        });
        return loan;
    }
}
