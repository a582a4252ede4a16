using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PrivateLending.Api.Infrastructure.Json;

internal static class JsonSetup
{
    /// <summary>snake_case members, UPPERCASE enum names, numbers only as JSON numbers (money stays decimal).</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Apply(options.SerializerOptions))
            .AddSingleton<JsonBodyWriter>();

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Dictionary keys are data (field names in `errors`, for instance), not member names.
        options.DictionaryKeyPolicy = null;
        // The web defaults accept "12" for a number; a wrong type is a client error, so be strict.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        // Generated code for the hot responses first; everything else through the reflection resolver behind it.
        if (options.TypeInfoResolverChain.Count == 0)
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
    }

    /// <summary>The options every response uses, for tests and code that serialises outside a request.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
