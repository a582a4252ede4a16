using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>A repayment the borrower made on <paramref name="PaidOn"/>; <paramref name="Payoff"/> settles the loan early.</summary>
/// <param name="Actor">The borrower.</param>
/// <param name="RepaymentId">Chosen by the caller (<see cref="RepaymentIds.For"/>): the same id again is a replay.</param>
/// <param name="Amount">More than zero, in cents, at most what remains.</param>
/// <param name="PaidOn">Not before the disbursement, not in the future.</param>
/// <param name="Payoff">The amount must be exactly the payoff quote on <paramref name="PaidOn"/>.</param>
/// <param name="Reference">The borrower's own reference (a bank transfer id), kept with the record.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.RecordRepayment")]
public sealed record RecordRepayment(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] Guid RepaymentId,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateOnly PaidOn,
    [property: Id(4)] bool Payoff = false,
    [property: Id(5)] string? Reference = null);
