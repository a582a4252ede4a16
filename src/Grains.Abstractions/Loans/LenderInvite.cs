namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>One lender to invite: their email and the contribution asked of them.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderInvite")]
public sealed record LenderInvite([property: Id(0)] string Email, [property: Id(1)] decimal Amount);
