namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>A disbursed loan's repayment figures on the day the view was made.</summary>
/// <param name="DisbursedOn">When the borrower received the funds.</param>
/// <param name="OutstandingPrincipal">Principal not yet repaid.</param>
/// <param name="RepaidPrincipal">Principal repaid so far.</param>
/// <param name="RepaidInterest">Interest paid so far.</param>
/// <param name="NextDueDate">The due date of the oldest installment with anything left; null once nothing remains.</param>
/// <param name="NextDueAmount">What is left on that installment.</param>
/// <param name="DaysPastDue">Days since the oldest unpaid installment's due date; 0 when none is overdue.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanServicingFigures")]
public sealed record LoanServicingFigures(
    [property: Id(0)] DateOnly DisbursedOn,
    [property: Id(1)] decimal OutstandingPrincipal,
    [property: Id(2)] decimal RepaidPrincipal,
    [property: Id(3)] decimal RepaidInterest,
    [property: Id(4)] DateOnly? NextDueDate,
    [property: Id(5)] decimal? NextDueAmount,
    [property: Id(6)] int DaysPastDue);
