using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateLending.Silo.Storage;

/// <summary>Turns grain state into the readable JSON kept in the item (plain or compressed, see <see cref="GrainStateCompression"/>), and back.</summary>
internal sealed class GrainStateJsonSerializer
{
    private readonly JsonSerializerOptions _options;
    private readonly bool _verifyRoundTrip;
    private readonly long _fullChecks;
    private readonly long _sampleInterval;
    private readonly ConcurrentDictionary<Type, StrongBox<long>> _writes = new();

    public GrainStateJsonSerializer(DynamoDbStorageOptions options)
    {
        _options = CreateDefaultOptions();
        options.ConfigureJsonSerializerOptions?.Invoke(_options);
        _options.MakeReadOnly(populateMissingResolver: true);
        _verifyRoundTrip = options.VerifyJsonRoundTrip;
        _fullChecks = options.JsonRoundTripFullChecks;
        _sampleInterval = options.JsonRoundTripSampleInterval;
    }

    /// <summary>
    /// System.Text.Json is culture-invariant (ISO 8601 dates, '.' decimal point) and writes decimals with every digit,
    /// so money round-trips exactly. Public fields are included because a state class may keep data in them; enums are
    /// written by name so reordering an enum cannot change stored meaning; letters beyond ASCII are kept as is (emoji and other
    /// characters beyond the BMP are still \u-escaped), which an operator can read and which takes fewer bytes of the 400 KB
    /// item budget. The "unsafe" encoder only matters for text embedded in HTML, which this never is.
    /// </summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Serialize<T>(T state, string description)
    {
        var json = JsonSerializer.Serialize(state, _options);
        if (ShouldVerify(typeof(T)))
        {
            var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(json, _options), _options);
            if (!string.Equals(json, again, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Refusing to write {description}: state type {typeof(T).FullName} does not survive a JSON round trip, so data would be lost " +
                    "on the next read. Give every stored member a public (or init) setter, a constructor parameter or [JsonInclude].");
            }
        }

        return json;
    }

    public T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, _options);

    public T? Deserialize<T>(System.Text.Json.Nodes.JsonNode json) => json.Deserialize<T>(_options);

    /// <summary>The options states are written with (their encoder decides how runs are written too).</summary>
    public JsonSerializerOptions Options => _options;

    /// <summary>The first writes of each type, then one in <c>JsonRoundTripSampleInterval</c>.</summary>
    private bool ShouldVerify(Type type)
    {
        if (!_verifyRoundTrip)
        {
            return false;
        }

        var n = Interlocked.Increment(ref _writes.GetOrAdd(type, static _ => new StrongBox<long>()).Value);
        return n <= _fullChecks || (n - _fullChecks) % _sampleInterval == 0;
    }
}
