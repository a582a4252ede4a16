namespace PrivateLending.Grains.Users;

/// <summary>
/// Per-account back-off for logins. Every attempt counts as a failure when it starts (so parallel attempts from
/// many clients cannot slip past the count while their passwords are being checked) and a success clears the
/// count. From the <see cref="FreeAttempts"/>th attempt on, the account is locked for <see cref="FirstLockout"/>,
/// doubling with each further attempt up to <see cref="MaxLockout"/>.
/// </summary>
internal sealed class LoginBackoff
{
    public const int FreeAttempts = 5;

    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    private int _attempts;
    private DateTimeOffset _lockedUntil;

    /// <summary>Attempts counted since the last success.</summary>
    public int Attempts => _attempts;

    /// <summary>Null when an attempt may go ahead (it is counted); otherwise how long the account stays locked.</summary>
    public TimeSpan? TryBegin(DateTimeOffset now)
    {
        if (now < _lockedUntil)
        {
            return _lockedUntil - now;
        }

        _attempts++;
        if (_attempts >= FreeAttempts)
        {
            _lockedUntil = now + Lockout(_attempts);
        }

        return null;
    }

    /// <summary>The password was right: the count and any lock are cleared.</summary>
    public void Succeeded()
    {
        _attempts = 0;
        _lockedUntil = default;
    }

    /// <summary>How long the account is locked after the <paramref name="attempts"/>th attempt in a row.</summary>
    public static TimeSpan Lockout(int attempts)
    {
        if (attempts < FreeAttempts)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(attempts - FreeAttempts, 16);
        var lockout = FirstLockout * (1L << doublings);
        return lockout > MaxLockout ? MaxLockout : lockout;
    }
}
