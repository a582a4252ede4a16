using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Orleans' own grain states (the stream pub-sub state in particular) are not shaped for System.Text.Json: their
/// members are read-only or internal, so a JSON round trip would fail or lose subscriptions. For types from Orleans'
/// namespaces this writes the state with Orleans' serializer, as one base64 string in the item's JSON; our own
/// states stay readable JSON.
/// </summary>
internal sealed class OrleansStateJsonConverter(Serializer serializer) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.Namespace is { } ns && (ns == "Orleans" || ns.StartsWith("Orleans.", StringComparison.Ordinal));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(BinaryConverter<>).MakeGenericType(typeToConvert), serializer)!;

    private sealed class BinaryConverter<T>(Serializer serializer) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? default : serializer.Deserialize<T>(reader.GetBytesFromBase64());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(serializer.SerializeToArray(value));
    }
}

/// <summary>Options for a provider that stores Orleans' own states (such as the pub-sub store).</summary>
public static class OrleansStateStorageOptions
{
    /// <summary>Stores states of Orleans' own types with Orleans' serializer (base64 inside the JSON item).</summary>
    public static OptionsBuilder<DynamoDbStorageOptions> StoreOrleansStatesBinary(this OptionsBuilder<DynamoDbStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Configure<Serializer>((settings, serializer) =>
        {
            var configure = settings.ConfigureJsonSerializerOptions;
            settings.ConfigureJsonSerializerOptions = json =>
            {
                configure?.Invoke(json);
                json.Converters.Add(new OrleansStateJsonConverter(serializer));
            };
        });
    }
}
