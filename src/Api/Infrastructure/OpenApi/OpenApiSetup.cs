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
                document.Info.Description = "Private lending marketplace. Errors are RFC 9457 application/problem+json with a stable `code`.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<HeaderParametersTransformer>();
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
