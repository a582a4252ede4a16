namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>One field a change touched, with its value before and after as text (null: absent).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.FieldChange")]
public sealed record FieldChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);
