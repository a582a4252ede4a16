using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivateLending.Api.Infrastructure.Idempotency;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>.</summary>
internal sealed class AcceptsIdempotencyKey;

/// <summary>Marks an endpoint that requires <c>If-Match: &lt;version&gt;</c>.</summary>
internal sealed class RequiresIfMatch;

/// <summary>Marks an endpoint whose success answer carries the loan's version as <c>ETag</c>.</summary>
internal sealed class ReturnsETag;

/// <summary>
/// Headers are read from the request inside handlers, so OpenAPI cannot infer them; endpoints mark themselves
/// and this transformer documents the headers on their operations.
/// </summary>
internal sealed class HeaderParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AcceptsIdempotencyKey>().Any())
        {
            Add(operation, IdempotencyKeys.HeaderName, required: false,
                $"Makes the POST safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 422. At most {IdempotencyKeys.MaxKeyLength} characters, kept 24 h per user. X-Idempotency-Key is accepted too.");
        }

        if (metadata.OfType<RequiresIfMatch>().Any())
        {
            Add(operation, "If-Match", required: true,
                "The loan version the change is based on (its ETag, e.g. \"3\", or the bare number). Missing: 428; stale: 412.");
        }

        if (metadata.OfType<ReturnsETag>().Any())
        {
            foreach (var response in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>())
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The loan's version, e.g. \"3\": send it back as If-Match to change the loan.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string name, bool required, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}

internal static class HeaderMetadata
{
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new AcceptsIdempotencyKey());

    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresIfMatch());

    public static RouteHandlerBuilder ReturnsETag(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ReturnsETag());
}
