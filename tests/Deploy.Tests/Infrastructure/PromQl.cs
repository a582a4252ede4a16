using System.Text.RegularExpressions;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>Just enough PromQL reading to list the metric names an expression selects.</summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan",
    };

    /// <summary>Every metric name selected in <paramref name="expression"/>.</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        // Drop what holds words that are not metric names: strings, label matchers, grouping label lists, ranges.
        var text = Strings().Replace(expression, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !IsFunctionCall(text, m) && !Keywords.Contains(m.Value.ToLowerInvariant()))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsFunctionCall(string text, Match identifier)
    {
        var rest = text[(identifier.Index + identifier.Length)..].TrimStart();
        return rest.StartsWith('(');
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    // Numbers (1, 0.99, 1e3) never start with a letter, underscore or colon.
    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
