using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>A loan's repayment schedule with what has been paid, as clients see it on a given day.</summary>
/// <param name="LoanId">The loan.</param>
/// <param name="InstallmentAmount">The regular monthly amount (the last installment absorbs the rounding).</param>
/// <param name="TotalInterest">Interest charged over the loan's life (scheduled, less any waived by an early payoff).</param>
/// <param name="Installments">Every installment, first due first.</param>
/// <param name="LoanStatus">ACTIVE, COMPLETED or DEFAULTED on that day.</param>
/// <param name="DaysPastDue">Days since the oldest unpaid installment's due date; 0 when none is overdue.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.ScheduleView")]
public sealed record ScheduleView(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] decimal InstallmentAmount,
    [property: Id(2)] decimal TotalInterest,
    [property: Id(3)] ImmutableArray<InstallmentView> Installments,
    [property: Id(4)] ServicingStatus LoanStatus,
    [property: Id(5)] int DaysPastDue);
