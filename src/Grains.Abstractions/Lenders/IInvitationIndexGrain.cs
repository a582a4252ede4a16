using System.Collections.Immutable;
using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>
/// A lender's invitations and portfolio, keyed by the email's key (<see cref="Users.EmailKeys"/>), so invitations
/// sent before the lender has an account are already in place when they register.
/// </summary>
public interface IInvitationIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates participations (idempotent; older loan versions never overwrite newer ones).</summary>
    Task UpsertAsync(ImmutableArray<InvitationIndexEntry> entries);

    /// <summary>
    /// Records a lender's running totals on loans after repayments (idempotent: totals of a loan version the index
    /// already has, or an older one, change nothing; an unknown participation is ignored).
    /// </summary>
    Task RecordRepaymentTotalsAsync(ImmutableArray<LenderRepaymentTotals> totals);

    /// <summary>
    /// Links the new account to every loan that invited this email, at least once. <paramref name="normalizedEmail"/>
    /// is the address this grain's key stands for (the key cannot be turned back into it); another is refused.
    /// </summary>
    Task LinkAccountAsync(Guid lenderId, string lenderName, string normalizedEmail);

    /// <summary>One page of invitations, newest first, optionally only those with one status.</summary>
    Task<Page<InvitationView>> GetInvitationsAsync(ParticipantStatus? status, PageRequest page);

    /// <summary>One page of accepted participations with portfolio totals.</summary>
    Task<PortfolioPage> GetPortfolioAsync(PageRequest page);

    /// <summary>
    /// One page of the lender's distribution lines (their share of every repayment on the portfolio's disbursed
    /// loans), newest payment date first. Read from the loans' repayment records on each call.
    /// </summary>
    Task<Page<LenderDistribution>> GetDistributionsAsync(PageRequest page);

    /// <summary>
    /// Ids of up to <paramref name="max"/> loans that invited this email and are still PENDING, newest invitation
    /// first (for live dashboards, which watch those loans' streams). Read from the in-memory index: no storage read
    /// and no loan call; it walks the invitations newest first and stops after <paramref name="max"/> open loans, so it
    /// costs O(max + closed loans passed on the way).
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<Guid>> GetOpenLoanIdsAsync(int max);
}
