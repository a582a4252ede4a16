using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Api.Servicing;

/// <summary>Servicing views → response shapes; the loan's standing is written as a loan status (ACTIVE, COMPLETED, DEFAULTED).</summary>
internal static class ServicingMapping
{
    public static LoanStatus ToLoanStatus(ServicingStatus status) => status switch
    {
        ServicingStatus.Completed => LoanStatus.Completed,
        ServicingStatus.Defaulted => LoanStatus.Defaulted,
        _ => LoanStatus.Active,
    };

    public static ScheduleResponse ToResponse(ScheduleView schedule) => new(
        schedule.LoanId, schedule.InstallmentAmount, schedule.TotalInterest,
        [.. schedule.Installments.Select(i => new InstallmentResponse(
            i.Number, i.DueDate, i.Principal, i.Interest, i.Amount, i.PaidPrincipal, i.PaidInterest, i.Status, i.PaidOn))],
        ToLoanStatus(schedule.LoanStatus), schedule.DaysPastDue);

    public static RepaymentResponse ToResponse(RepaymentResult r) => new(
        r.RepaymentId, r.LoanId, r.Amount, r.PaidOn, r.Interest, r.Principal, r.OutstandingPrincipal, ToLoanStatus(r.LoanStatus),
        [.. r.Distributions.Select(d => new DistributionResponse(d.ParticipantId, d.LenderId, d.Principal, d.Interest, d.Amount))],
        r.Payoff, r.Reference);

    public static PayoffResponse ToResponse(PayoffQuote quote) => new(quote.On, quote.OutstandingPrincipal, quote.InterestDue, quote.Amount);
}
