using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>
/// A page of accepted participations plus totals over the whole portfolio (not just this page): committed, and of
/// disbursed loans the principal still outstanding, principal repaid and interest received (kept by the lender's
/// index from the loans' repayment messages).
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.PortfolioPage")]
public sealed record PortfolioPage(
    [property: Id(0)] Page<InvitationView> Page,
    [property: Id(1)] decimal TotalCommitted,
    [property: Id(2)] int TotalCount,
    [property: Id(3)] decimal TotalOutstanding = 0m,
    [property: Id(4)] decimal TotalRepaid = 0m,
    [property: Id(5)] decimal TotalInterestReceived = 0m);
