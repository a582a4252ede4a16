namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Who is reading: a loan is visible to its borrower and to participants (matched by id or email).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.Viewer")]
public sealed record Viewer([property: Id(0)] Guid UserId, [property: Id(1)] string Email);
