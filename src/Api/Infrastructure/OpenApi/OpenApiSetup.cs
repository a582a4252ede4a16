using Scalar.AspNetCore;

namespace PrivateLending.Api.Infrastructure.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "PrivateLending API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Private lending marketplace: borrowers ask for loans and invite lenders by email; lenders accept with bank "
                    + "details or decline. Errors are RFC 9457 application/problem+json with a stable `code`. Money is a JSON "
                    + "number holding an exact decimal (format `decimal`): amounts have at most 2 decimal places "
                    + "(multipleOf 0.01), interest rates at most 4 (multipleOf 0.0001); parse them as decimals, not binary floats.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<HeaderParametersTransformer>();
            options.AddOperationTransformer<PagingParametersTransformer>();
            options.AddOperationTransformer<OperationExamplesTransformer>();
            options.AddSchemaTransformer<ContractSchemaTransformer>();
            options.AddDocumentTransformer<RequestContractsTransformer>();
        });
        return services;
    }

    /// <summary>The contract at /openapi/v1.json and the Scalar docs UI at /docs, both open to anyone.</summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous().DisableRateLimiting();
        app.MapScalarApiReference("/docs", options => options
                .WithTitle("PrivateLending API")
                .AddPreferredSecuritySchemes(BearerSecurityTransformer.SchemeName))
            .AllowAnonymous();
        return app;
    }
}
