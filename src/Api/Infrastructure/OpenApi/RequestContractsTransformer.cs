using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>
/// Applies <see cref="RequestContracts"/> to the finished request schemas: only truly required members are listed
/// in <c>required</c>, no member is nullable (leave it out instead), and each carries its rule. It runs on the
/// document's components, once every schema has its final, shared form.
/// </summary>
internal sealed class RequestContractsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (type, members) in RequestContracts.ByType)
        {
            if (!schemas.TryGetValue(type.Name, out var found) || found is not OpenApiSchema schema || schema.Properties is null)
            {
                throw new InvalidOperationException($"The OpenAPI document has no schema {type.Name} to describe.");
            }

            Apply(schema, members);
        }

        return Task.CompletedTask;
    }

    private static void Apply(OpenApiSchema schema, IReadOnlyDictionary<string, MemberContract> members)
    {
        var unknown = schema.Properties!.Keys.Except(members.Keys).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Request members without a contract: {string.Join(", ", unknown)}.");
        }

        schema.Required = new HashSet<string>(members.Where(m => m.Value.Required).Select(m => m.Key), StringComparer.Ordinal);
        foreach (var (name, contract) in members)
        {
            var member = WithoutNull(schema.Properties[name]);
            if (member is OpenApiSchema inline)
            {
                contract.Describe(inline);
            }

            schema.Properties[name] = member;
        }
    }

    // Null is never a value a client needs to send: a member is either required or left out.
    private static IOpenApiSchema WithoutNull(IOpenApiSchema member)
    {
        if (member is not OpenApiSchema inline)
        {
            return member;
        }

        // A nullable object member is written as oneOf [null, $ref]: keep the reference alone.
        if (inline.OneOf is { Count: 2 } options && options.Count(o => o.Type == JsonSchemaType.Null) == 1)
        {
            return options.Single(o => o.Type != JsonSchemaType.Null);
        }

        if (inline.Type is { } type)
        {
            inline.Type = type & ~JsonSchemaType.Null;
        }

        return inline;
    }
}
