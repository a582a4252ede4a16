using PrivateLending.Grains.Users;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class LoginBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryBegin_FiveAttempts_SixthLockedForThirtySeconds()
    {
        var backoff = new LoginBackoff();
        for (var i = 0; i < LoginBackoff.FreeAttempts; i++)
        {
            Assert.Null(backoff.TryBegin(Now));
        }

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.TryBegin(Now));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.TryBegin(Now.AddSeconds(20)));
        Assert.Null(backoff.TryBegin(Now.AddSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.TryBegin(Now.AddSeconds(30)));
    }

    [Fact]
    public void Lockout_GrowsExponentiallyUpToTheCap()
    {
        Assert.Equal(TimeSpan.Zero, LoginBackoff.Lockout(4));
        Assert.Equal(TimeSpan.FromSeconds(30), LoginBackoff.Lockout(5));
        Assert.Equal(TimeSpan.FromSeconds(60), LoginBackoff.Lockout(6));
        Assert.Equal(TimeSpan.FromSeconds(480), LoginBackoff.Lockout(9));
        Assert.Equal(LoginBackoff.MaxLockout, LoginBackoff.Lockout(10));
        Assert.Equal(LoginBackoff.MaxLockout, LoginBackoff.Lockout(int.MaxValue));
    }

    [Fact]
    public void Succeeded_AfterLockout_ClearsCountAndLock()
    {
        var backoff = new LoginBackoff();
        for (var i = 0; i < LoginBackoff.FreeAttempts; i++)
        {
            backoff.TryBegin(Now);
        }

        backoff.Succeeded();

        Assert.Equal(0, backoff.Attempts);
        Assert.Null(backoff.TryBegin(Now));
    }
}
