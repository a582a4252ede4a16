namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>What settles the loan on a given day: all principal still owed plus interest already due.</summary>
/// <param name="On">The day the quote is for (a payoff repayment must be paid on it).</param>
/// <param name="OutstandingPrincipal">Principal not yet repaid, across every installment.</param>
/// <param name="InterestDue">Unpaid interest of the installments due on or before <paramref name="On"/>; later interest is waived.</param>
/// <param name="Amount">The exact amount a payoff repayment must have.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.PayoffQuote")]
public sealed record PayoffQuote(
    [property: Id(0)] DateOnly On,
    [property: Id(1)] decimal OutstandingPrincipal,
    [property: Id(2)] decimal InterestDue,
    [property: Id(3)] decimal Amount);
