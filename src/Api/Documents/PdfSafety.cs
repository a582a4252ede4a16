using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace PrivateLending.Api.Documents;

/// <summary>
/// Whether a PDF carries active content: JavaScript, launch actions or embedded files. Every object reachable from
/// the document's catalog is read (PdfPig resolves object streams too); what is not reachable is never run by a reader.
/// A PDF that cannot be parsed cannot be checked, and is refused too.
/// </summary>
internal static class PdfSafety
{
    private const int MaxObjects = 200_000;

    private static readonly HashSet<string> RiskyKeys = new(StringComparer.Ordinal) { "JS", "JavaScript", "EmbeddedFiles", "EF" };
    private static readonly HashSet<string> RiskyNames = new(StringComparer.Ordinal) { "JavaScript", "Launch", "EmbeddedFile" };

    /// <summary>Null when nothing risky was found; otherwise what was found, for the answer.</summary>
    public static string? FindRisk(Stream pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            var seen = new HashSet<(long, int)>();
            var pending = new Stack<IToken>();
            pending.Push(document.Structure.Catalog.CatalogDictionary);
            while (pending.Count > 0)
            {
                if (seen.Count > MaxObjects)
                {
                    return "too many objects to check";
                }

                switch (pending.Pop())
                {
                    case IndirectReferenceToken reference:
                        if (seen.Add((reference.Data.ObjectNumber, reference.Data.Generation)))
                        {
                            pending.Push(document.Structure.GetObject(reference.Data).Data);
                        }

                        break;
                    case DictionaryToken dictionary:
                        foreach (var (key, value) in dictionary.Data)
                        {
                            if (RiskyKeys.Contains(key))
                            {
                                return Describe(key);
                            }

                            pending.Push(value);
                        }

                        break;
                    case StreamToken stream:
                        pending.Push(stream.StreamDictionary);
                        break;
                    case ArrayToken array:
                        foreach (var item in array.Data)
                        {
                            pending.Push(item);
                        }

                        break;
                    case NameToken name when RiskyNames.Contains(name.Data):
                        return Describe(name.Data);
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return "it could not be read as a PDF";
        }
    }

    private static string Describe(string found) => found switch
    {
        "JS" or "JavaScript" => "JavaScript",
        "Launch" => "a launch action",
        _ => "an embedded file",
    };
}
