using System.Text.Json;

namespace PrivateLending.Grains.Common;

/// <summary>
/// Stores command results (for idempotent replay) as JSON text inside grain state: readable by an operator,
/// independent of the storage provider's own serializer, and round-trips the immutable contract records.
/// </summary>
internal static class ResultCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Encode<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Decode<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("A stored result was empty.");
}
