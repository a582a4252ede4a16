using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Changes terms while no participant has accepted. Null fields stay as they are.</summary>
/// <param name="Actor">The borrower.</param>
/// <param name="ExpectedVersion">The version the client last saw (If-Match); stale → PreconditionFailed.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.UpdateLoanTerms")]
public sealed record UpdateLoanTerms(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] long ExpectedVersion,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] decimal? InterestRate,
    [property: Id(4)] int? TermMonths,
    [property: Id(5)] string? Purpose);
