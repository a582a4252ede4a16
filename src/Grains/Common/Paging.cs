using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Common;

/// <summary>Checks shared by every paged read.</summary>
internal static class Paging
{
    public const int MaxLimit = 100;

    /// <summary>The limit (1–100, as DESIGN §4) and the parsed cursor, or a validation error.</summary>
    public static (int Limit, IndexKey? After) Parse(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Limit is < 1 or > MaxLimit)
        {
            throw DomainException.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        return (page.Limit, string.IsNullOrEmpty(page.After) ? null : IndexKey.ParseCursor(page.After));
    }
}
