using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.RateLimiting;
using PrivateLending.Api.Infrastructure.RequestId;

namespace PrivateLending.Api.Infrastructure.Cors;

internal static class CorsSetup
{
    /// <summary>Only the origins in <c>Cors:AllowedOrigins</c> (none by default, so browsers get no CORS grant).</summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((options, settings) =>
            options.AddDefaultPolicy(policy =>
            {
                if (settings.Value.AllowedOrigins.Length == 0)
                {
                    return;
                }

                policy.WithOrigins(settings.Value.AllowedOrigins)
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .WithExposedHeaders(RequestIdMiddleware.HeaderName, "Location", "ETag", "Retry-After",
                        IdempotencyKeys.ReplayedHeaderName, RateLimitingSetup.LimitHeader,
                        RateLimitingSetup.RemainingHeader, RateLimitingSetup.ResetHeader);
            }));
        return services;
    }
}
