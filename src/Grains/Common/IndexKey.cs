using System.Globalization;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Common;

/// <summary>
/// A position in a newest-first index: a time and an id that breaks ties. Sorting ascending with
/// <see cref="CompareTo"/> gives newest first, so every index here is an ascending sorted list.
/// </summary>
internal readonly record struct IndexKey(long UtcTicks, Guid Id) : IComparable<IndexKey>
{
    public IndexKey(DateTimeOffset at, Guid id) : this(at.UtcTicks, id) { }

    /// <summary>Newer (larger time, then larger id) sorts first.</summary>
    public int CompareTo(IndexKey other)
    {
        var byTime = other.UtcTicks.CompareTo(UtcTicks);
        return byTime != 0 ? byTime : other.Id.CompareTo(Id);
    }

    public static bool operator <(IndexKey left, IndexKey right) => left.CompareTo(right) < 0;
    public static bool operator >(IndexKey left, IndexKey right) => left.CompareTo(right) > 0;
    public static bool operator <=(IndexKey left, IndexKey right) => left.CompareTo(right) <= 0;
    public static bool operator >=(IndexKey left, IndexKey right) => left.CompareTo(right) >= 0;

    /// <summary>The plain cursor handed to the API (which seals it): "&lt;utc ticks&gt;:&lt;id N&gt;".</summary>
    public string ToCursor() => string.Create(CultureInfo.InvariantCulture, $"{UtcTicks}:{Id:N}");

    /// <summary>Parses a cursor made by <see cref="ToCursor"/>; anything else is a validation error on next_token.</summary>
    public static IndexKey ParseCursor(string cursor)
    {
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(cursor.AsSpan(colon + 1), "N", out var id))
        {
            return new IndexKey(ticks, id);
        }

        throw DomainException.Invalid("next_token", "The pagination token is invalid.");
    }

    /// <summary>Index of the first key strictly after <paramref name="cursor"/> in a sorted list (0 without a cursor).</summary>
    public static int StartAfter(List<IndexKey> sorted, IndexKey? cursor)
    {
        if (cursor is not { } after)
        {
            return 0;
        }

        var at = sorted.BinarySearch(after);
        return at >= 0 ? at + 1 : ~at;
    }
}
