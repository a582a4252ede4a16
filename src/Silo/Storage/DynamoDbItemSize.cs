using System.Text;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// An item's size and write cost as DynamoDB counts them: the UTF-8 length of each attribute name plus its value, and
/// one write unit per started kilobyte of the item written (standard tables; a transactional write costs twice that).
/// </summary>
public static class DynamoDbItemSize
{
    /// <summary>Bytes in one write unit.</summary>
    public const int WriteUnitBytes = 1024;

    /// <summary>The item's size in bytes.</summary>
    public static long Of(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }

        return size;
    }

    /// <summary>Write units a put of an item of <paramref name="bytes"/> costs: every started kilobyte, at least one.</summary>
    public static long WriteUnits(long bytes) => Math.Max(1, (bytes + WriteUnitBytes - 1) / WriteUnitBytes);

    private static long Of(AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return Number(value.N);
        }

        if (value.B is not null)
        {
            return value.B.Length;
        }

        if (value.BOOL is not null || value.NULL is not null)
        {
            return 1;
        }

        // Documents: three bytes of their own plus one per element.
        if (value.M is { Count: > 0 } map)
        {
            return 3 + map.Sum(e => Encoding.UTF8.GetByteCount(e.Key) + Of(e.Value) + 1);
        }

        if (value.L is { Count: > 0 } list)
        {
            return 3 + list.Sum(e => Of(e) + 1);
        }

        if (value.SS is { Count: > 0 } strings)
        {
            return strings.Sum(s => (long)Encoding.UTF8.GetByteCount(s));
        }

        if (value.NS is { Count: > 0 } numbers)
        {
            return numbers.Sum(Number);
        }

        if (value.BS is { Count: > 0 } blobs)
        {
            return blobs.Sum(b => b.Length);
        }

        // An empty map or list.
        return 3;
    }

    // About one byte per two significant digits, plus one.
    private static long Number(string number) => 1 + (number.Count(char.IsAsciiDigit) + 1) / 2;
}
