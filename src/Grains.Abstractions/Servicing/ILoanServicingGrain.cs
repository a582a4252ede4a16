using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>
/// A loan after funding: disbursement, its schedule, repayments and payoff. The same grain as
/// <see cref="ILoanGrain"/> (one activation per loan); refusals throw <see cref="DomainException"/>. Someone who
/// cannot see the loan gets NotFound; reads answer null for anyone but the borrower and accepted lenders.
/// </summary>
public interface ILoanServicingGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The borrower records the disbursement of a FUNDED loan: it becomes ACTIVE with its schedule. The same date again
    /// answers the same loan without a write; another date, or a loan not FUNDED, is a Conflict.
    /// </summary>
    Task<CommandResult<LoanView>> DisburseAsync(DisburseLoan command);

    /// <summary>
    /// The borrower records a repayment, split among the accepted lenders. The same repayment id and body again is a
    /// replay (the first result, no write); the same id with another body is IdempotencyKeyReused.
    /// </summary>
    Task<CommandResult<RepaymentResult>> RepayAsync(RecordRepayment command);

    /// <summary>The schedule today (borrower or accepted lender, else null); Conflict before the loan is disbursed.</summary>
    [AlwaysInterleave]
    Task<ScheduleView?> GetScheduleAsync(Viewer viewer);

    /// <summary>What settles the loan on <paramref name="day"/> (borrower or accepted lender, else null); Conflict before disbursement.</summary>
    [AlwaysInterleave]
    Task<PayoffQuote?> GetPayoffAsync(Viewer viewer, DateOnly day);

    /// <summary>
    /// The repayments oldest first (borrower or accepted lender, else null): the borrower sees every lender's line, a
    /// lender only its own.
    /// </summary>
    [AlwaysInterleave]
    Task<Page<RepaymentResult>?> GetRepaymentsAsync(Viewer viewer, PageRequest page);

    /// <summary>One repayment as <paramref name="viewer"/> may see it; null when there is none or the viewer may not see it.</summary>
    [AlwaysInterleave]
    Task<RepaymentResult?> GetRepaymentAsync(Viewer viewer, Guid repaymentId);
}
