using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Common;

/// <summary>Checks shared by every paged read.</summary>
internal static class Paging
{
    /// <summary>The limit (<see cref="PagingLimits.Limit"/>) and the parsed cursor, or a validation error.</summary>
    public static (int Limit, IndexKey? After) Parse(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var errors = new FieldErrors();
        PagingLimits.Limit.Check(errors, "limit", page.Limit);
        errors.ThrowIfAny();

        return (page.Limit, string.IsNullOrEmpty(page.After) ? null : IndexKey.ParseCursor(page.After));
    }
}
