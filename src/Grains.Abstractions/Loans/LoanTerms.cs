namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>What the borrower asks for. Rules (DESIGN §3) are checked by the loan grain.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanTerms")]
public sealed record LoanTerms(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] decimal InterestRate,
    [property: Id(2)] int TermMonths,
    [property: Id(3)] string Purpose);
