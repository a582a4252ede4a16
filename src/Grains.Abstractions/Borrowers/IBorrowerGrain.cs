using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Borrowers;

/// <summary>
/// A borrower's loans, newest first (keyed by user id). Loan grains add entries at least once; the index is a
/// set keyed by loan id, so a re-sent entry never shows twice. Pages cost O(limit) whatever the total.
/// </summary>
public interface IBorrowerGrain : IGrainWithGuidKey
{
    /// <summary>Adds loans to the index; entries already present are ignored.</summary>
    Task AddLoansAsync(ImmutableArray<LoanIndexEntry> entries);

    /// <summary>One page of the borrower's loans, each with its participants, newest first; cancelled loans left out.</summary>
    Task<Page<LoanView>> GetLoansAsync(PageRequest page);

    /// <summary>
    /// One page of the borrower's loans whose status is one of <paramref name="statuses"/> (every status but CANCELLED
    /// when empty), newest first. A page may hold fewer than the limit with more to follow: a request looks at a
    /// bounded number of loans (<c>limit</c> plus a fixed allowance) however many in a row do not match.
    /// </summary>
    Task<Page<LoanView>> GetLoansByStatusAsync(ImmutableArray<LoanStatus> statuses, PageRequest page);
}
