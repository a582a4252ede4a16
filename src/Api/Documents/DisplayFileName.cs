using System.Globalization;
using System.Text;

namespace PrivateLending.Api.Documents;

/// <summary>
/// A file name reduced to something safe to show and to offer back in Content-Disposition: no folders (either
/// slash), no control, format (bidi overrides, zero-width) or unassigned characters, no leading dots, trimmed to a
/// bounded length. It is only ever a label: objects are stored under random keys.
/// </summary>
internal static class DisplayFileName
{
    public const int MaxLength = 120;

    public static string Of(string? raw, string fallback)
    {
        var name = raw ?? "";
        name = name[(Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\')) + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator || rune.Value is '"' or ':' or '*' or '?' or '<' or '>' or '|')
            {
                continue;
            }

            kept.Append(rune.ToString());
        }

        var cleaned = kept.ToString().Trim().TrimStart('.').Trim();
        if (cleaned.Length > MaxLength)
        {
            // Keep the extension, which tells the reader what the file is.
            var dot = cleaned.LastIndexOf('.');
            var extension = dot > 0 && cleaned.Length - dot <= 10 ? cleaned[dot..] : "";
            cleaned = TrimToRunes(cleaned, MaxLength - extension.Length) + extension;
        }

        return cleaned.Length == 0 ? fallback : cleaned;
    }

    /// <summary>A title: the same characters removed, spaces collapsed, bounded.</summary>
    public static string Title(string? raw)
    {
        var cleaned = string.Join(' ', Of((raw ?? "").Replace('/', ' ').Replace('\\', ' '), "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned;
    }

    private static string TrimToRunes(string text, int length)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > length)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
