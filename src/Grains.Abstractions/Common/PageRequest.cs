namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>Asks for one page of an index.</summary>
/// <param name="Limit">Items wanted, within <see cref="Rules.PagingLimits.Limit"/> (the API and the grains check it).</param>
/// <param name="After">The cursor a previous page returned, or null for the first page.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.PageRequest")]
public sealed record PageRequest([property: Id(0)] int Limit, [property: Id(1)] string? After = null);
