using System.Collections.Immutable;
using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Lenders;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// A lender's lines of one loan, for their statement across loans (asked by the lender's index, which knows the
/// participation). Silo-internal: the API reaches it only through the lender's own index.
/// </summary>
public interface ILoanStatementGrain : IGrainWithGuidKey
{
    /// <summary>The participant's share of every repayment, oldest first; empty before disbursement or for an unknown participant.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<LenderDistribution>> GetDistributionsAsync(Guid participantId);
}
