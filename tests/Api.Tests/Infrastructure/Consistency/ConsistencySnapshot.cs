namespace PrivateLending.Api.Tests.Infrastructure.Consistency;

/// <summary>A verified account: the email whose invitations it answers.</summary>
public sealed record AccountRecord(Guid UserId, string Email);

/// <summary>A participant as its loan grain holds it (statuses as the API spells them: PENDING, ACCEPTED, DECLINED).</summary>
public sealed record ParticipantRecord(Guid ParticipantId, string LenderEmail, Guid? LenderId, decimal Amount, string Status);

/// <summary>A loan as its grain answers a GET: the truth every index is compared with.</summary>
public sealed record LoanRecord(
    Guid LoanId, Guid BorrowerId, decimal Amount, string Status, decimal TotalFunded, IReadOnlyList<ParticipantRecord> Participants);

/// <summary>One participation as a lender's listing shows it.</summary>
public sealed record ListedParticipation(Guid LoanId, Guid ParticipantId, string Status);

/// <summary>What one lender's pages show: every invitation (all three status filters), the portfolio and its totals.</summary>
public sealed record LenderListings(
    IReadOnlyList<ListedParticipation> Invitations,
    IReadOnlyList<ListedParticipation> Portfolio,
    decimal TotalCommitted,
    int TotalCount);

/// <summary>
/// Everything the consistency checker compares, read at one time: the indexes (borrower pages, lender pages, the
/// accounts' email linkage) and the loan grains behind them.
/// </summary>
/// <param name="Accounts">The accounts whose indexes were read (all verified).</param>
/// <param name="Loans">Every loan known to the caller or named by an index, as its grain answered.</param>
/// <param name="MissingLoans">Loans known or named by an index whose grain answered 404.</param>
/// <param name="BorrowerListings">Account → the loan ids its my-loans pages list, in page order.</param>
/// <param name="Lenders">Account → its invitations and portfolio pages.</param>
public sealed record ConsistencySnapshot(
    IReadOnlyList<AccountRecord> Accounts,
    IReadOnlyDictionary<Guid, LoanRecord> Loans,
    IReadOnlyCollection<Guid> MissingLoans,
    IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> BorrowerListings,
    IReadOnlyDictionary<Guid, LenderListings> Lenders);

/// <summary>The kinds of disagreement the checker reports.</summary>
public enum DisagreementKind
{
    /// <summary>A loan known or listed somewhere whose grain does not exist.</summary>
    LoanMissing,

    /// <summary>A borrower's pages leave out one of the borrower's loans.</summary>
    BorrowerIndexMissing,

    /// <summary>A borrower's pages list a loan of someone else, or one listed twice.</summary>
    BorrowerIndexStray,

    /// <summary>A participant's email has an account but the participant is not linked to it (or linked to another).</summary>
    EmailLinkage,

    /// <summary>A lender's invitation pages leave out a participation addressed to them.</summary>
    LenderIndexMissing,

    /// <summary>A lender's pages show a participation that is not theirs, has another status, or is listed twice.</summary>
    LenderIndexStray,

    /// <summary>A lender's portfolio (items or totals) disagrees with the accepted participations.</summary>
    PortfolioMismatch,

    /// <summary>Accepted contributions exceed the loan amount.</summary>
    OverFunded,

    /// <summary>The loan's funding figures or status disagree with its own participants.</summary>
    FundingMismatch,
}

/// <summary>One disagreement: what kind, about which record, and what each side says.</summary>
public sealed record Disagreement(DisagreementKind Kind, string Subject, string Detail)
{
    public override string ToString() => $"{Kind} {Subject}: {Detail}";
}
