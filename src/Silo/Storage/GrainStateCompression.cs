using System.IO.Compression;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// The state's JSON stored gzip-compressed (<see cref="GrainStateItem.StateGzip"/>, binary) in place of the plain
/// <see cref="GrainStateItem.State"/> text, when that lowers the write units a put of the item costs. Standard gzip, so an
/// operator reads one with <c>base64 -d | gunzip</c>; items of either form read.
/// </summary>
internal static class GrainStateCompression
{
    // Strict: a corrupt payload must fail the read, not become replacement characters inside a string.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Replaces the plain state of <paramref name="item"/> by its gzip form when the item then costs fewer write units
    /// (one per started kilobyte); leaves it plain otherwise, and always at <see cref="CompressionLevel.NoCompression"/>.
    /// </summary>
    public static void Compact(Dictionary<string, AttributeValue> item, CompressionLevel level)
    {
        if (level == CompressionLevel.NoCompression || !item.TryGetValue(GrainStateItem.State, out var plain) || plain.S is not { } json)
        {
            return;
        }

        var plainSize = GrainStateItem.SizeOf(item);
        var plainUnits = DynamoDbItemSize.WriteUnits(plainSize);
        if (plainUnits == 1)
        {
            return; // already the least a put costs: not worth the CPU, and the item stays readable in the console
        }

        var utf8 = Encoding.UTF8.GetBytes(json);
        var gzip = Compress(utf8, level);
        var compressedSize = plainSize - GrainStateItem.State.Length - utf8.Length + GrainStateItem.StateGzip.Length + gzip.Length;
        if (DynamoDbItemSize.WriteUnits(compressedSize) >= plainUnits)
        {
            return;
        }

        item.Remove(GrainStateItem.State);
        item[GrainStateItem.StateGzip] = new AttributeValue { B = new MemoryStream(gzip, 0, gzip.Length, writable: false, publiclyVisible: true) };
    }

    /// <summary>The state's JSON in either form; null for a tombstone. Throws <see cref="InvalidDataException"/> when it cannot be decoded.</summary>
    public static string? JsonOf(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue(GrainStateItem.State, out var plain) && plain.S is { } json)
        {
            return json;
        }

        if (!item.TryGetValue(GrainStateItem.StateGzip, out var packed))
        {
            return null;
        }

        if (packed.B is not { } stream)
        {
            throw new InvalidDataException($"{GrainStateItem.StateGzip} is not a binary attribute.");
        }

        return Decompress(stream);
    }

    /// <summary>Standard gzip of <paramref name="data"/>.</summary>
    public static byte[] Compress(byte[] data, CompressionLevel level)
    {
        using var output = new MemoryStream(data.Length / 4 + 64);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string Decompress(MemoryStream stream)
    {
        // Read from a view of the bytes: the attribute's stream may be shared and its position is not ours to move.
        var bytes = stream.TryGetBuffer(out var buffer) ? buffer : new ArraySegment<byte>(stream.ToArray());
        using var input = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(bytes.Count * 8);
        gzip.CopyTo(output);
        try
        {
            return StrictUtf8.GetString(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{GrainStateItem.StateGzip} does not hold UTF-8 text.", ex);
        }
    }
}
