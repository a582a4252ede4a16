using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.RateLimiting;

/// <summary>
/// The global limiter: one token bucket per signed-in user (by token subject), or per client IP for anonymous
/// calls (per /64 for IPv6, see <see cref="ClientNetwork"/>). Sustained <c>PermitsPerSecond</c>, bursts up to <c>Burst</c>; no queueing, a refused request is a 429.
/// Held as a singleton so the headers middleware can read a partition's remaining tokens.
/// </summary>
internal sealed class ApiRateLimiter : IDisposable
{
    public ApiRateLimiter(IOptions<RateLimitingSettings> settings)
    {
        Settings = settings.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Settings.Burst,
            TokensPerPeriod = Settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(
            context => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => bucket));
    }

    public RateLimitingSettings Settings { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public static string PartitionKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ApiClaims.Subject) is { } subject
            ? "user:" + subject
            : "ip:" + ClientNetwork.Key(context);

    /// <summary>Tokens left in the caller's bucket right now.</summary>
    public long Remaining(HttpContext context) => Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;

    /// <summary>Whole seconds until the bucket is full again (0 when it is).</summary>
    public int SecondsUntilFull(long remaining) =>
        remaining >= Settings.Burst ? 0 : (int)Math.Ceiling((Settings.Burst - remaining) / (double)Settings.PermitsPerSecond);

    public void Dispose() => Limiter.Dispose();
}
