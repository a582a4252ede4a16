namespace PrivateLending.Api.Documents;

/// <summary>
/// What a file is, by its first bytes: the only types accepted are PDF, PNG and JPEG. A declared type is a claim;
/// the bytes decide, and a declared type that names another of these types is refused as a mismatch.
/// </summary>
internal static class FileTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>Bytes needed to tell the types apart.</summary>
    public const int SniffLength = 8;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    /// <summary>The type the bytes are, or null when none of the accepted ones.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(PdfMagic) ? Pdf
        : head.StartsWith(PngMagic) ? Png
        : head.StartsWith(JpegMagic) ? Jpeg
        : null;

    /// <summary>
    /// True when the part's declared type does not contradict the bytes: none, a generic one (browsers send
    /// application/octet-stream for unknown files), or the detected type itself (image/jpg counts as JPEG).
    /// </summary>
    public static bool Agrees(string? declared, string detected)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return true;
        }

        var type = declared.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type is "application/octet-stream" || type == detected || (type == "image/jpg" && detected == Jpeg);
    }
}
