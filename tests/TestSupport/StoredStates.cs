using System.IO.Compression;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.TestSupport;

/// <summary>
/// Grain-state items as tests must inspect them: the state's JSON whether stored as plain text (<c>State</c>) or
/// gzip-compressed (<c>StateGzip</c>). A check that a secret is not stored in clear must look through this, or it would
/// pass without looking once the item is compressed. Decompresses with plain gzip, as an operator would, not with the
/// provider's own code.
/// </summary>
public static class StoredStates
{
    public const string PlainAttribute = "State";
    public const string GzipAttribute = "StateGzip";

    /// <summary>The item's state JSON; null when it holds none (a tombstone, or not a grain-state item).</summary>
    public static string? Json(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.TryGetValue(PlainAttribute, out var plain) && plain.S is { } json)
        {
            return json;
        }

        if (!item.TryGetValue(GzipAttribute, out var packed) || packed.B is not { } stream)
        {
            return null;
        }

        using var input = new MemoryStream(stream.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Every attribute value of the item as text, one per line: strings as they are, the state decompressed, other
    /// binary values as base64.
    /// </summary>
    public static string Text(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join("\n", item.Select(a => a.Key == GzipAttribute ? Json(item) ?? ""
            : a.Value.S ?? (a.Value.B is { } b ? Convert.ToBase64String(b.ToArray()) : "")));
    }

    /// <summary>Every item of <paramref name="table"/>, all pages, read consistently.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB client, string table)
    {
        ArgumentNullException.ThrowIfNull(client);
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }
}
