namespace PrivateLending.Api.Infrastructure.Paging;

/// <summary>One page of a listing: items, how many, whether more follow, and the token for the next page.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Data, int Count, bool HasMore, string? NextToken);
