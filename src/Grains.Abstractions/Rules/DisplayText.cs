using System.Globalization;
using System.Text;

namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Characters that free text shown to other people (names, purposes, reasons, titles) may not hold: control
/// characters (CR and LF among them, which split mail headers and log lines), line and paragraph separators, bidi
/// embeddings, overrides, isolates and marks (which make text read differently from what it is, "RLO" tricks in
/// file names and amounts) and zero-width characters (which make two different texts look the same). Every
/// <see cref="TextRule"/> applies it; the OpenAPI document publishes the same table as a pattern.
/// </summary>
public static class DisplayText
{
    /// <summary>What a client is told; it never echoes the value.</summary>
    public const string InvalidMessage =
        "Must not contain control characters (such as line breaks or tabs), bidirectional controls or zero-width characters.";

    /// <summary>The refused code points as inclusive ranges: the one table the check and the published pattern read.</summary>
    public static readonly IReadOnlyList<(char First, char Last)> Refused =
    [
        ('\u0000', '\u001F'), // C0 controls: NUL, TAB, LF, CR, ESC…
        ('\u007F', '\u009F'), // DEL and the C1 controls (NEL among them)
        ('\u061C', '\u061C'), // Arabic letter mark (bidi)
        ('\u180E', '\u180E'), // Mongolian vowel separator (zero width)
        ('\u200B', '\u200F'), // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        ('\u2028', '\u202E'), // line and paragraph separators; bidi embeddings, pop and overrides
        ('\u2060', '\u2064'), // word joiner and the invisible operators
        ('\u2066', '\u2069'), // bidi isolates and their pop
        ('\uFEFF', '\uFEFF'), // zero-width no-break space (byte order mark)
    ];

    /// <summary>
    /// The check as an ECMAScript/.NET regular expression for a schema's <c>pattern</c>: only allowed characters,
    /// at least one of them not white space (blank text counts as missing).
    /// </summary>
    public static readonly string Pattern = BuildPattern();

    /// <summary>True when <paramref name="value"/> holds none of the <see cref="Refused"/> characters (null counts as safe).</summary>
    public static bool IsSafe(string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (IsRefused(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a character in one of the <see cref="Refused"/> ranges.</summary>
    public static bool IsRefused(char c)
    {
        foreach (var (first, last) in Refused)
        {
            if (c >= first && c <= last)
            {
                return true;
            }
        }

        return false;
    }

    private static string BuildPattern()
    {
        var set = new StringBuilder();
        foreach (var (first, last) in Refused)
        {
            set.Append(Escape(first));
            if (last != first)
            {
                set.Append('-').Append(Escape(last));
            }
        }

        return $"^[^{set}]*[^{set}\\s][^{set}]*$";
    }

    private static string Escape(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
