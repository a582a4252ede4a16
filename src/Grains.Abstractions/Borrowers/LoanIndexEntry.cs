namespace PrivateLending.Grains.Abstractions.Borrowers;

/// <summary>One loan in a borrower's index; the index orders by <see cref="CreatedAt"/> then <see cref="LoanId"/>, newest first.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanIndexEntry")]
public sealed record LoanIndexEntry([property: Id(0)] Guid LoanId, [property: Id(1)] DateTimeOffset CreatedAt);
