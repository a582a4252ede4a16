using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>A page of accepted participations plus totals over the whole portfolio (not just this page).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.PortfolioPage")]
public sealed record PortfolioPage(
    [property: Id(0)] Page<InvitationView> Page,
    [property: Id(1)] decimal TotalCommitted,
    [property: Id(2)] int TotalCount);
