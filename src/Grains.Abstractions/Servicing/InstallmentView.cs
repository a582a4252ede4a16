namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>One monthly installment as clients see it, with what has been paid against it.</summary>
/// <param name="Number">1 for the first installment.</param>
/// <param name="DueDate">The disbursement date plus <paramref name="Number"/> calendar months (clamped to month end).</param>
/// <param name="Principal">Principal due with this installment.</param>
/// <param name="Interest">Interest charged with this installment (zero, or what was already paid, once waived by an early payoff).</param>
/// <param name="Amount">Principal plus interest.</param>
/// <param name="PaidPrincipal">Principal paid against it so far.</param>
/// <param name="PaidInterest">Interest paid against it so far.</param>
/// <param name="Status">Its standing on the day the view was made.</param>
/// <param name="PaidOn">The payment date of the repayment that settled it; null while something is left (or when nothing was ever due).</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.InstallmentView")]
public sealed record InstallmentView(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly DueDate,
    [property: Id(2)] decimal Principal,
    [property: Id(3)] decimal Interest,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] decimal PaidPrincipal,
    [property: Id(6)] decimal PaidInterest,
    [property: Id(7)] InstallmentStatus Status,
    [property: Id(8)] DateOnly? PaidOn);
