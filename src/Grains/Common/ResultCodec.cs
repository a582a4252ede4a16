using System.Text.Json;

namespace PrivateLending.Grains.Common;

/// <summary>
/// Stores command results (for idempotent replay) as JSON text inside grain state: readable by an operator,
/// independent of the storage provider's own serializer, and round-trips the immutable contract records.
/// </summary>
internal static class ResultCodec
{
    // Letters beyond ASCII kept as is: \u-escaping would make each 3-byte character 6 bytes (7 once stored inside
    // the state's own JSON), and these results count against the 400 KB item. Never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Encode<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Decode<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("A stored result was empty.");
}
