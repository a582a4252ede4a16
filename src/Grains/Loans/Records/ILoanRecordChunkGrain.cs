using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>
/// A sealed slice of a loan's records (keyed "&lt;loanId N&gt;/history/&lt;n&gt;", ".../funding/&lt;n&gt;" or ".../repayments/&lt;n&gt;"), its own storage item,
/// so a loan's item never grows with its age. Internal to the silo: only <see cref="LoanGrain"/> calls it.
/// </summary>
internal interface ILoanRecordChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the chunk (idempotent: the same entries again write nothing).</summary>
    Task SealHistoryAsync(ImmutableArray<LoanHistoryEntry> entries);

    /// <summary>Stores the chunk (idempotent).</summary>
    Task SealFundingAsync(ImmutableArray<FundingPoint> points);

    /// <summary>Stores the chunk (idempotent).</summary>
    Task SealRepaymentsAsync(ImmutableArray<RepaymentResult> repayments);

    /// <summary>The chunk's history entries, oldest first.</summary>
    Task<ImmutableArray<LoanHistoryEntry>> ReadHistoryAsync();

    /// <summary>The chunk's funding points, oldest first.</summary>
    Task<ImmutableArray<FundingPoint>> ReadFundingAsync();

    /// <summary>The chunk's repayment records, oldest first.</summary>
    Task<ImmutableArray<RepaymentResult>> ReadRepaymentsAsync();
}
