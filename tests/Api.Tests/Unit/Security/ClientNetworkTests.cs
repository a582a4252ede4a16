using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.RateLimiting;

namespace PrivateLending.Api.Tests.Unit.Security;

/// <summary>Per-address limits count an IPv6 client by its /64, so picking new addresses in it buys nothing.</summary>
public sealed class ClientNetworkTests
{
    private static DefaultHttpContext From(string address) =>
        new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Fact]
    public void GlobalLimiter_RotatingWithinOneIpv6Slash64_SharesOneBucket()
    {
        using var limiter = new ApiRateLimiter(Options.Create(new RateLimitingSettings { Burst = 2, PermitsPerSecond = 1 }));

        using var first = limiter.Limiter.AttemptAcquire(From("2001:db8:1:2::1"));
        using var second = limiter.Limiter.AttemptAcquire(From("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        using var rotated = limiter.Limiter.AttemptAcquire(From("2001:db8:1:2:ffff::7"));
        using var otherNetwork = limiter.Limiter.AttemptAcquire(From("2001:db8:1:3::1"));

        Assert.True(first.IsAcquired && second.IsAcquired);
        Assert.False(rotated.IsAcquired);
        Assert.True(otherNetwork.IsAcquired);
    }

    [Fact]
    public void LoginThrottle_RotatingWithinOneIpv6Slash64_IsRefused()
    {
        using var throttle = new LoginThrottle(Options.Create(new RateLimitingSettings { LoginPermitsPerMinute = 2 }));

        Assert.True(throttle.TryAcquire(From("2001:db8::10"), "a@example.com", out _));
        Assert.True(throttle.TryAcquire(From("2001:db8::11"), "a@example.com", out _));
        Assert.False(throttle.TryAcquire(From("2001:db8::abcd:12"), "a@example.com", out _));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void Key_Address_IPv4ByAddressIPv6BySlash64(string address, string key) =>
        Assert.Equal(key, RateLimitingSetup.ClientIp(From(address)));

    [Fact]
    public void Key_TwoIpv4Addresses_AreApart() =>
        Assert.NotEqual(RateLimitingSetup.ClientIp(From("::ffff:203.0.113.7")), RateLimitingSetup.ClientIp(From("::ffff:203.0.113.8")));
}
