using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Borrowers;

/// <summary>Reads a borrower's index without loading the loans (paging logic, tests and maintenance).</summary>
internal interface IBorrowerLoanIndexGrain : IGrainWithGuidKey
{
    /// <summary>One page of index entries, newest first, with the same cursor as <c>GetLoansAsync</c>.</summary>
    Task<Page<LoanIndexEntry>> GetEntriesAsync(PageRequest page);
}
