using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Splits a state's JSON into the hot part (its own item) and the sealed runs of its listed properties, and joins
/// them back. Runs are JSON arrays of consecutive elements; the elements after the last boundary stay inline.
/// </summary>
internal static class StateRuns
{
    /// <summary>
    /// The hot JSON (each listed array cut down to its open tail) and, per listed property present as an array, the
    /// JSON of its sealed runs in order.
    /// </summary>
    public static (string HotJson, Dictionary<string, List<string>> Runs) Split(string json, StateRunLayout[] layouts, JsonSerializerOptions options)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A state with runs must serialise to a JSON object.");
        var runs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder };
        foreach (var layout in layouts)
        {
            if (layout.Single)
            {
                if (root[layout.Property] is { } value)
                {
                    root.Remove(layout.Property);
                    runs[StateRunLayout.SinglePrefix + layout.Property] = [ArrayText([value], writerOptions)];
                }

                continue;
            }

            if (root[layout.Property] is not JsonArray array)
            {
                continue;
            }

            var elements = array.ToList();
            array.Clear(); // detaches the elements so they can move into runs or back into the tail
            var sealedRuns = new List<string>();
            var open = new List<JsonNode?>();
            foreach (var element in elements)
            {
                open.Add(element);
                if (IsBoundary(element, layout, writerOptions))
                {
                    sealedRuns.Add(ArrayText(open, writerOptions));
                    open.Clear();
                }
            }

            foreach (var element in open)
            {
                array.Add(element);
            }

            runs[layout.Property] = sealedRuns;
        }

        return (Text(root, writerOptions), runs);
    }

    /// <summary>The whole state's JSON: each listed property's runs, in order, followed by its inline tail.</summary>
    public static JsonObject Join(string hotJson, IReadOnlyDictionary<string, List<string>> runs)
    {
        var root = JsonNode.Parse(hotJson)?.AsObject() ?? throw new JsonException("The state's own item does not hold a JSON object.");
        foreach (var (property, texts) in runs)
        {
            if (property.StartsWith(StateRunLayout.SinglePrefix, StringComparison.Ordinal))
            {
                var run = texts.Count == 1 ? JsonNode.Parse(texts[0]) as JsonArray : null;
                if (run is not { Count: 1 })
                {
                    throw new JsonException($"The value of {property} is not one run of one element.");
                }

                var value = run[0];
                run.Clear();
                root[property[StateRunLayout.SinglePrefix.Length..]] = value;
                continue;
            }

            var whole = new JsonArray();
            foreach (var text in texts)
            {
                var run = JsonNode.Parse(text) as JsonArray ?? throw new JsonException($"A run of {property} is not a JSON array.");
                var elements = run.ToList();
                run.Clear();
                foreach (var element in elements)
                {
                    whole.Add(element);
                }
            }

            if (root[property] is JsonArray tail)
            {
                var elements = tail.ToList();
                tail.Clear();
                foreach (var element in elements)
                {
                    whole.Add(element);
                }
            }

            root[property] = whole;
        }

        return root;
    }

    private static bool IsBoundary(JsonNode? element, StateRunLayout layout, JsonWriterOptions options)
    {
        if (layout.RunLength == 1)
        {
            return true;
        }

        var key = layout.Key is { } name && element is JsonObject obj ? obj[name] : element;
        return Fnv1a(Encoding.UTF8.GetBytes(Text(key, options))) % (ulong)layout.RunLength == 0;
    }

    // A stable hash (the same in every process, unlike string.GetHashCode): boundaries must not move between silos.
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static string ArrayText(List<JsonNode?> elements, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                WriteNode(writer, element);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Text(JsonNode? node, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            WriteNode(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
