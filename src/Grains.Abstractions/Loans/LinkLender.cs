namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Tells a loan that an invited email now has an account, so its participants get a lender id.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LinkLender")]
public sealed record LinkLender(
    [property: Id(0)] string NormalizedEmail,
    [property: Id(1)] Guid LenderId,
    [property: Id(2)] string LenderName);
