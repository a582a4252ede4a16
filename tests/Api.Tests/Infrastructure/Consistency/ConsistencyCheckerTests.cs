namespace PrivateLending.Api.Tests.Infrastructure.Consistency;

/// <summary>The checker finds each kind of disagreement in handcrafted snapshots, and none in a consistent one.</summary>
public sealed class ConsistencyCheckerTests
{
    private static readonly AccountRecord Borrower = new(Guid.NewGuid(), "bea@example.com");
    private static readonly AccountRecord Lender = new(Guid.NewGuid(), "lee@example.com");
    private static readonly AccountRecord Other = new(Guid.NewGuid(), "otto@example.com");

    [Fact]
    public void Check_EverythingAgrees_ReportsNothing()
    {
        Assert.Empty(ConsistencyChecker.Check(Consistent()));
    }

    [Fact]
    public void Check_BorrowerPageLeavesOutALoan_ReportsBorrowerIndexMissing()
    {
        var snapshot = Consistent();
        var (loan, _, _) = Sample();
        snapshot = snapshot with { BorrowerListings = Listings((Borrower.UserId, [])) };

        var found = Assert.Single(ConsistencyChecker.Check(snapshot));

        Assert.Equal(DisagreementKind.BorrowerIndexMissing, found.Kind);
        Assert.Contains(loan.LoanId.ToString(), found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BorrowerPageListsAnotherBorrowersLoanOrOneTwice_ReportsBorrowerIndexStray()
    {
        var (loan, _, _) = Sample();
        var snapshot = Consistent() with
        {
            BorrowerListings = Listings((Borrower.UserId, [loan.LoanId, loan.LoanId]), (Other.UserId, [loan.LoanId])),
        };

        var found = ConsistencyChecker.Check(snapshot);

        Assert.Equal(2, found.Count(d => d.Kind == DisagreementKind.BorrowerIndexStray));
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void Check_IndexNamesALoanThatDoesNotExist_ReportsLoanMissing()
    {
        var snapshot = Consistent() with { MissingLoans = [Guid.NewGuid()] };

        Assert.Equal(DisagreementKind.LoanMissing, Assert.Single(ConsistencyChecker.Check(snapshot)).Kind);
    }

    [Fact]
    public void Check_ParticipantNotLinkedToTheEmailsAccount_ReportsEmailLinkage()
    {
        var (loan, pending, accepted) = Sample();
        var unlinked = loan with { Participants = [pending with { LenderId = null }, accepted] };
        var snapshot = Consistent() with { Loans = Loans(unlinked) };

        Assert.Equal(DisagreementKind.EmailLinkage, Assert.Single(ConsistencyChecker.Check(snapshot)).Kind);
    }

    [Fact]
    public void Check_LenderIndexLagsBehindTheLoan_ReportsMissingAndStrayInvitation()
    {
        var (loan, pending, accepted) = Sample();
        // The loan says the pending participant was declined; the lender's pages still show it pending.
        var declined = loan with { Participants = [pending with { Status = "DECLINED" }, accepted] };
        var snapshot = Consistent() with { Loans = Loans(declined) };

        var found = ConsistencyChecker.Check(snapshot);

        Assert.Equal(
            [DisagreementKind.LenderIndexStray],
            found.Select(d => d.Kind).Distinct());
        Assert.Contains(found, d => d.Detail.Contains("the loan says DECLINED", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LenderPageLeavesOutAnInvitation_ReportsLenderIndexMissing()
    {
        var snapshot = Consistent();
        var listings = snapshot.Lenders[Lender.UserId];
        snapshot = snapshot with
        {
            Lenders = new Dictionary<Guid, LenderListings> { [Lender.UserId] = listings with { Invitations = [.. listings.Invitations.Skip(1)] } },
        };

        Assert.Equal(DisagreementKind.LenderIndexMissing, Assert.Single(ConsistencyChecker.Check(snapshot)).Kind);
    }

    [Fact]
    public void Check_PortfolioTotalsDisagree_ReportsPortfolioMismatch()
    {
        var snapshot = Consistent();
        var listings = snapshot.Lenders[Lender.UserId];
        snapshot = snapshot with
        {
            Lenders = new Dictionary<Guid, LenderListings> { [Lender.UserId] = listings with { TotalCommitted = 999m } },
        };

        Assert.Equal(DisagreementKind.PortfolioMismatch, Assert.Single(ConsistencyChecker.Check(snapshot)).Kind);
    }

    [Fact]
    public void Check_AcceptedBeyondTheAmount_ReportsOverFunded()
    {
        var (loan, pending, accepted) = Sample();
        var overFunded = loan with { Amount = 200m, Participants = [pending, accepted with { Amount = 300m }], TotalFunded = 300m };
        var snapshot = Consistent() with
        {
            Loans = Loans(overFunded),
            Lenders = new Dictionary<Guid, LenderListings>(),
        };

        var found = ConsistencyChecker.Check(snapshot);

        Assert.Contains(found, d => d.Kind == DisagreementKind.OverFunded);
    }

    [Fact]
    public void Check_TotalFundedDisagreesWithParticipants_ReportsFundingMismatch()
    {
        var (loan, _, _) = Sample();
        var snapshot = Consistent() with { Loans = Loans(loan with { TotalFunded = 0m }) };

        Assert.Equal(DisagreementKind.FundingMismatch, Assert.Single(ConsistencyChecker.Check(snapshot)).Kind);
    }

    /// <summary>A loan of the borrower with one pending and one accepted participation of the lender.</summary>
    private static (LoanRecord Loan, ParticipantRecord Pending, ParticipantRecord Accepted) Sample()
    {
        var loanId = new Guid("11111111-1111-1111-1111-111111111111");
        var pending = new ParticipantRecord(new Guid("22222222-2222-2222-2222-222222222222"), "Lee@Example.com", Lender.UserId, 250m, "PENDING");
        var accepted = new ParticipantRecord(new Guid("33333333-3333-3333-3333-333333333333"), "lee@example.com", Lender.UserId, 400m, "ACCEPTED");
        return (new LoanRecord(loanId, Borrower.UserId, 1000m, "PENDING", 400m, [pending, accepted]), pending, accepted);
    }

    private static ConsistencySnapshot Consistent()
    {
        var (loan, pending, accepted) = Sample();
        return new ConsistencySnapshot(
            [Borrower, Lender, Other],
            Loans(loan),
            [],
            Listings((Borrower.UserId, [loan.LoanId]), (Lender.UserId, []), (Other.UserId, [])),
            new Dictionary<Guid, LenderListings>
            {
                [Lender.UserId] = new(
                    [new(loan.LoanId, pending.ParticipantId, "PENDING"), new(loan.LoanId, accepted.ParticipantId, "ACCEPTED")],
                    [new(loan.LoanId, accepted.ParticipantId, "ACCEPTED")],
                    400m,
                    1),
                [Other.UserId] = new([], [], 0m, 0),
            });
    }

    private static Dictionary<Guid, LoanRecord> Loans(params LoanRecord[] loans) => loans.ToDictionary(l => l.LoanId);

    private static Dictionary<Guid, IReadOnlyList<Guid>> Listings(params (Guid UserId, Guid[] LoanIds)[] listings) =>
        listings.ToDictionary(l => l.UserId, l => (IReadOnlyList<Guid>)l.LoanIds);
}
