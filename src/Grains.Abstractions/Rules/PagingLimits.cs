namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>How many items one page of a listing may hold.</summary>
public static class PagingLimits
{
    /// <summary>Items per page when the client gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The allowed <c>limit</c>: 1 to 100.</summary>
    public static readonly IntegerRule Limit = new(1, 100);
}
