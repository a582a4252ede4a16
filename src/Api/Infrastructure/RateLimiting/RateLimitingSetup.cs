using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Problems;

namespace PrivateLending.Api.Infrastructure.RateLimiting;

internal static class RateLimitingSetup
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>The per-IP policy of register and login, the endpoints that spend a password hash.</summary>
    public const string AuthPolicy = "auth-per-ip";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ApiRateLimiter>();
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ApiRateLimiter, IOptions<RateLimitingSettings>>((options, limiter, settings) =>
        {
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => RejectAsync(context, limiter);
            var perIp = new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.Value.AuthPermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            // Per IP, not per email: rotating emails from one client must not buy it more password hashes.
            options.AddPolicy(AuthPolicy, context => RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => perIp));
        });
        return services;
    }

    /// <summary>Limits every request (after authentication, so users are told apart) and reports the budget left.</summary>
    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            var limiter = context.RequestServices.GetRequiredService<ApiRateLimiter>();
            // Health probes are exempt from limiting, so they carry no budget either.
            if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
            {
                var remaining = limiter.Remaining(context);
                context.Response.OnStarting(() =>
                {
                    SetHeaders(context.Response, limiter, remaining);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The client's IP address as the server sees it, its /64 for IPv6 (the limits' partition for anonymous callers).</summary>
    public static string ClientIp(HttpContext context) => ClientNetwork.Key(context);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, ApiRateLimiter limiter)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        string detail;
        if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AuthPolicy)
        {
            // The per-user budget headers would describe another limit than the one that refused.
            detail = "Too many sign-in and registration attempts from this address. Retry after the given delay.";
        }
        else
        {
            SetHeaders(http.Response, limiter, 0);
            detail = "Rate limit exceeded. Slow down and retry after the given delay.";
        }

        var result = ApiResults.TooManyRequests(http, retryAfter, detail);
        await result.ExecuteAsync(http);
    }

    private static void SetHeaders(HttpResponse response, ApiRateLimiter limiter, long remaining)
    {
        response.Headers[LimitHeader] = limiter.Settings.Burst.ToString(CultureInfo.InvariantCulture);
        response.Headers[RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[ResetHeader] = limiter.SecondsUntilFull(remaining).ToString(CultureInfo.InvariantCulture);
    }
}
