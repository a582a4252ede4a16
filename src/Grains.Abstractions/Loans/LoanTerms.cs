namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>What the borrower asks for. The rules (<see cref="Rules.LoanLimits"/>) are checked by the API and again by the loan grain.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanTerms")]
public sealed record LoanTerms(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] decimal InterestRate,
    [property: Id(2)] int TermMonths,
    [property: Id(3)] string Purpose);
