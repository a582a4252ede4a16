namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>
/// A lender's running totals on one loan right after one repayment (its share of every repayment so far). The loan
/// version of the repayment's write orders them: the index keeps the newest, so a re-sent or late message for the
/// same repayment changes nothing.
/// </summary>
/// <param name="ParticipantId">The lender's participation in the loan.</param>
/// <param name="LoanId">The loan.</param>
/// <param name="RepaymentId">The repayment that brought the totals here.</param>
/// <param name="LoanVersion">The loan's version after that repayment.</param>
/// <param name="LoanStatus">The loan's status at that version.</param>
/// <param name="PrincipalRepaid">Principal the lender has received on this loan.</param>
/// <param name="InterestReceived">Interest the lender has received on this loan.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderRepaymentTotals")]
public sealed record LenderRepaymentTotals(
    [property: Id(0)] Guid ParticipantId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] Guid RepaymentId,
    [property: Id(3)] long LoanVersion,
    [property: Id(4)] Loans.LoanStatus LoanStatus,
    [property: Id(5)] decimal PrincipalRepaid,
    [property: Id(6)] decimal InterestReceived);
