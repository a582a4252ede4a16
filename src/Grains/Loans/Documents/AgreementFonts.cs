using PdfSharp.Fonts;

namespace PrivateLending.Grains.Loans.Documents;

/// <summary>
/// The one typeface the agreement is set in, read from the machine's fonts: PDFsharp embeds what it draws with and
/// has no fonts of its own off Windows. DejaVu Sans (Debian's fonts-dejavu-core) first, then Liberation Sans, Arial.
/// </summary>
internal sealed class AgreementFonts : IFontResolver
{
    public const string Family = "Agreement Sans";

    private static readonly string[] Folders =
    [
        "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
    ];

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ];

    private static readonly Lock Gate = new();
    private readonly Lazy<(byte[] Regular, byte[] Bold)> _faces = new(Load);

    /// <summary>Makes PDFsharp use these fonts; once per process (PDFsharp's setting is global).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new AgreementFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "agreement-bold" : "agreement-regular");

    public byte[]? GetFont(string faceName) => faceName == "agreement-bold" ? _faces.Value.Bold : _faces.Value.Regular;

    private static (byte[] Regular, byte[] Bold) Load()
    {
        foreach (var (regular, bold) in Candidates)
        {
            if (Find(regular) is { } regularPath)
            {
                var boldPath = Find(bold) ?? regularPath;
                return (File.ReadAllBytes(regularPath), File.ReadAllBytes(boldPath));
            }
        }

        throw new InvalidOperationException(
            "No font for the loan agreement: install DejaVu Sans (fonts-dejavu-core), Liberation Sans or Arial.");
    }

    private static string? Find(string fileName) =>
        Folders.Where(f => f.Length > 0 && Directory.Exists(f))
            .SelectMany(f => Directory.EnumerateFiles(f, fileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4 }))
            .FirstOrDefault();
}
