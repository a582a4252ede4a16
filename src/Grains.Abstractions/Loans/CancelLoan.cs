using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Soft-deletes a pending loan, keeping the reason.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.CancelLoan")]
public sealed record CancelLoan([property: Id(0)] Actor Actor, [property: Id(1)] string Reason);
