namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// Bank details as the loan keeps them: the full details only as ciphertext (encrypted by the API before
/// they reach any grain), plus the masked parts that may be shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.ProtectedAch")]
public sealed record ProtectedAch(
    [property: Id(0)] string Ciphertext,
    [property: Id(1)] string AccountHolder,
    [property: Id(2)] string AccountType,
    [property: Id(3)] string AccountLast4);
