using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>Small edits endpoints make to their own query parameters' documentation.</summary>
internal static class QueryParameters
{
    /// <summary>Lists the values a string query parameter accepts, and its default.</summary>
    public static void Enum(OpenApiOperation operation, string name, IEnumerable<string> values, string defaultValue, string description)
    {
        var parameter = Find(operation, name);
        parameter.Description = description;
        if (parameter.Schema is OpenApiSchema schema)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            schema.Default = JsonValue.Create(defaultValue);
        }
    }

    /// <summary>Describes a query parameter.</summary>
    public static void Describe(OpenApiOperation operation, string name, string description) =>
        Find(operation, name).Description = description;

    private static OpenApiParameter Find(OpenApiOperation operation, string name) =>
        (operation.Parameters ?? []).OfType<OpenApiParameter>().SingleOrDefault(p => p.Name == name && p.In == ParameterLocation.Query)
        ?? throw new InvalidOperationException($"The operation has no query parameter '{name}'.");
}
