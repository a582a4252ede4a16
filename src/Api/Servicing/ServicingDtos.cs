using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Api.Servicing;

/// <summary>The day the borrower received the funds (YYYY-MM-DD, not in the future).</summary>
public sealed record DisburseLoanRequest(DateOnly? DisbursedOn);

/// <summary>A repayment the borrower made; with payoff true the amount must be the payoff quote on paid_on.</summary>
public sealed record RepaymentRequest(decimal? Amount, DateOnly? PaidOn, string? Reference = null, bool? Payoff = null);

/// <summary>A disbursed loan's schedule with what was paid against each installment, as of today.</summary>
public sealed record ScheduleResponse(
    Guid LoanId,
    decimal InstallmentAmount,
    decimal TotalInterest,
    IReadOnlyList<InstallmentResponse> Installments,
    LoanStatus LoanStatus,
    int DaysPastDue);

/// <summary>One monthly installment: what it asks and what was paid against it.</summary>
public sealed record InstallmentResponse(
    int Number,
    DateOnly DueDate,
    decimal Principal,
    decimal Interest,
    decimal Amount,
    decimal PaidPrincipal,
    decimal PaidInterest,
    InstallmentStatus Status,
    DateOnly? PaidOn);

/// <summary>One applied repayment: its split into interest and principal, and each lender's share.</summary>
public sealed record RepaymentResponse(
    Guid RepaymentId,
    Guid LoanId,
    decimal Amount,
    DateOnly PaidOn,
    decimal Interest,
    decimal Principal,
    decimal OutstandingPrincipal,
    LoanStatus LoanStatus,
    IReadOnlyList<DistributionResponse> Distributions,
    bool Payoff,
    string? Reference);

/// <summary>One lender's share of a repayment, to the cent.</summary>
public sealed record DistributionResponse(Guid ParticipantId, Guid? LenderId, decimal Principal, decimal Interest, decimal Amount);

/// <summary>What settles the loan on a day: principal still owed plus the unpaid interest already due.</summary>
public sealed record PayoffResponse(DateOnly On, decimal OutstandingPrincipal, decimal InterestDue, decimal Amount);

/// <summary>One line of a lender's statement: their share of one repayment on one of their loans.</summary>
public sealed record StatementLineResponse(
    Guid RepaymentId,
    Guid LoanId,
    Guid ParticipantId,
    int Sequence,
    DateOnly PaidOn,
    decimal Principal,
    decimal Interest,
    decimal Amount,
    string BorrowerName);
