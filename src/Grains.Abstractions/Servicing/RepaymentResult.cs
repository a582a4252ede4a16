using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>
/// One applied repayment: how it was split into interest and principal, across installments and among the
/// lenders. It is the repayment's record, written once and never changed, so it can be kept outside the loan's
/// hot state (sealed in chunks by its sequence number).
/// </summary>
/// <param name="RepaymentId">The client's id for the repayment; a replay with the same id changes nothing.</param>
/// <param name="LoanId">The loan.</param>
/// <param name="Amount">What the borrower paid: <paramref name="Interest"/> plus <paramref name="Principal"/>.</param>
/// <param name="PaidOn">The payment date.</param>
/// <param name="Interest">The part that paid interest.</param>
/// <param name="Principal">The part that paid principal.</param>
/// <param name="OutstandingPrincipal">Principal still owed after this repayment.</param>
/// <param name="LoanStatus">The loan's standing right after this repayment.</param>
/// <param name="Distributions">Every accepted lender's share, by participant id; principal and interest each sum exactly.</param>
/// <param name="Installments">What was paid against each installment it touched, first due first.</param>
/// <param name="Payoff">True when the repayment settled the loan early and waived later interest.</param>
/// <param name="Sequence">1 for the loan's first applied repayment, then 2, 3, …: where the record is kept.</param>
/// <param name="Reference">The borrower's own reference for the payment, if given.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.RepaymentResult")]
public sealed record RepaymentResult(
    [property: Id(0)] Guid RepaymentId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateOnly PaidOn,
    [property: Id(4)] decimal Interest,
    [property: Id(5)] decimal Principal,
    [property: Id(6)] decimal OutstandingPrincipal,
    [property: Id(7)] ServicingStatus LoanStatus,
    [property: Id(8)] ImmutableArray<DistributionLine> Distributions,
    [property: Id(9)] ImmutableArray<InstallmentAllocation> Installments,
    [property: Id(10)] bool Payoff,
    [property: Id(11)] int Sequence,
    [property: Id(12)] string? Reference = null);
