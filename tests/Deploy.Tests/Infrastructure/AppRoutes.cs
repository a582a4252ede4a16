using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Silo.Hosting;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>The HTTP routes each program maps, read from the app as its Program.cs builds it (built, not started).</summary>
internal static class AppRoutes
{
    public static async Task<IReadOnlySet<string>> OfAsync(App app)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = app == App.Api ? "PrivateLending.Api" : "PrivateLending.Silo",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Jwt:SigningKey"] = "route-listing-key-of-at-least-thirty-two-bytes",
            ["Security:EmailKeySecret"] = PrivateLending.TestSupport.TestSecrets.EmailKeySecret,
            ["Cluster:ClientSecret"] = PrivateLending.TestSupport.TestSecrets.ClusterClientSecret,
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        });
        if (app == App.Api)
        {
            // Its middleware resolves the Orleans client while the pipeline is built; a static gateway needs no DynamoDB.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Mode"] = "Static" });
            builder.AddPrivateLendingApi();
        }
        else
        {
            builder.AddPrivateLendingSilo();
        }

        await using var built = builder.Build();
        if (app == App.Api)
        {
            built.UsePrivateLendingApi();
        }
        else
        {
            built.MapPrivateLendingSilo();
        }

        return ((IEndpointRouteBuilder)built).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
