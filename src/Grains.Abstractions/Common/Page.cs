using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>One page of an index, newest first.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="HasMore">Whether another page follows.</param>
/// <param name="NextCursor">A plain cursor for the next page (the API seals it before clients see it).</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] ImmutableArray<T> Items,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] string? NextCursor);
