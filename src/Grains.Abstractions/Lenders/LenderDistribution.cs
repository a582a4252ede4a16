namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>One line of a lender's statement: their share of one repayment on one loan.</summary>
/// <param name="RepaymentId">The repayment.</param>
/// <param name="LoanId">The loan it repaid.</param>
/// <param name="ParticipantId">The lender's participation in the loan.</param>
/// <param name="Sequence">The repayment's number on its loan (1, 2, 3, …).</param>
/// <param name="PaidOn">The payment date.</param>
/// <param name="Principal">The lender's share of the repayment's principal.</param>
/// <param name="Interest">The lender's share of its interest.</param>
/// <param name="Amount">Principal plus interest.</param>
/// <param name="BorrowerName">Who repaid (the statement's reader knows the loan by it).</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderDistribution")]
public sealed record LenderDistribution(
    [property: Id(0)] Guid RepaymentId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] Guid ParticipantId,
    [property: Id(3)] int Sequence,
    [property: Id(4)] DateOnly PaidOn,
    [property: Id(5)] decimal Principal,
    [property: Id(6)] decimal Interest,
    [property: Id(7)] decimal Amount,
    [property: Id(8)] string BorrowerName);
