namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Bank details as anyone may see them: holder, type and the last four digits only.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.MaskedAch")]
public sealed record MaskedAch(
    [property: Id(0)] string AccountHolder,
    [property: Id(1)] string AccountType,
    [property: Id(2)] string AccountLast4);
