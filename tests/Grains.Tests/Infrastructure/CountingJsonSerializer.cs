using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// Grain-state serializer for the test silo: System.Text.Json (as our DynamoDB storage) and a count of writes
/// per state type, so tests can measure storage writes per operation.
/// </summary>
public sealed class CountingJsonSerializer : IGrainStorageSerializer
{
    public static readonly CountingJsonSerializer Instance = new();

    // Letters beyond ASCII unescaped, as the DynamoDB storage writes them, so measured sizes match stored ones.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly ConcurrentDictionary<Type, int> WritesByType = new();
    private static readonly ConcurrentDictionary<Type, int> ReadsByType = new();
    private static readonly ConcurrentDictionary<Type, int> LargestByType = new();

    public static int Writes<T>() => WritesByType.GetValueOrDefault(typeof(T));

    /// <summary>
    /// Starts a size measurement: forgets the largest states seen so far. The serializer is shared by every test of
    /// the cluster collection, which run one at a time, so a test measures only its own writes.
    /// </summary>
    public static void ResetLargest() => LargestByType.Clear();

    /// <summary>The largest serialized state of this type written since <see cref="ResetLargest"/>, in bytes.</summary>
    public static int LargestWrite<T>() => LargestByType.GetValueOrDefault(typeof(T));

    /// <summary>Reads that found a stored item (reads of absent items never reach the serializer).</summary>
    public static int Reads<T>() => ReadsByType.GetValueOrDefault(typeof(T));

    /// <summary>How many bytes <paramref name="value"/> takes when stored (same JSON as <see cref="Serialize{T}"/>).</summary>
    public static int SizeOf<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options).Length;

    public BinaryData Serialize<T>(T? input)
    {
        WritesByType.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(input, Options);
        LargestByType.AddOrUpdate(typeof(T), bytes.Length, (_, n) => Math.Max(n, bytes.Length));
        return new BinaryData(bytes);
    }

    public T Deserialize<T>(BinaryData input)
    {
        ReadsByType.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return input.ToObjectFromJson<T>(Options)!;
    }
}
