using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.RateLimiting;

/// <summary>
/// The stricter login limit: <c>LoginPermitsPerMinute</c> attempts per client IP (or IPv6 /64) and email, in fixed one-minute
/// windows. Applied inside the login handler because the email is in the body, which the rate-limiting
/// middleware cannot see.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<RateLimitingSettings> settings)
    {
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.Value.LoginPermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => window));
    }

    public bool TryAcquire(HttpContext context, string normalizedEmail, out TimeSpan retryAfter)
    {
        var key = ClientNetwork.Key(context) + "|" + normalizedEmail;
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
