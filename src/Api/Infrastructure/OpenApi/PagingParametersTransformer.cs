using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>
/// Every listing takes <c>limit</c> and <c>next_token</c>; this documents their bounds (from
/// <see cref="PagingLimits"/>, as enforced) and meaning wherever they appear.
/// </summary>
internal sealed class PagingParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            if (parameter.Name == "limit" && parameter.Schema is OpenApiSchema limit)
            {
                limit.Type = JsonSchemaType.Integer;
                limit.Minimum = PagingLimits.Limit.Minimum.ToString(CultureInfo.InvariantCulture);
                limit.Maximum = PagingLimits.Limit.Maximum.ToString(CultureInfo.InvariantCulture);
                limit.Default = JsonValue.Create(PagingLimits.DefaultLimit);
                parameter.Description = $"Items per page, {PagingLimits.Limit.Minimum} to {PagingLimits.Limit.Maximum} (default {PagingLimits.DefaultLimit}).";
            }
            else if (parameter.Name == "next_token")
            {
                parameter.Description = "The next_token of the previous page, unchanged; leave out for the first page. Tokens are bound to the caller and the listing.";
            }
        }

        return Task.CompletedTask;
    }
}
