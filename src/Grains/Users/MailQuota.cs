namespace PrivateLending.Grains.Users;

/// <summary>Per-account daily caps on mail a client can ask for (counters reset at UTC midnight).</summary>
internal static class MailQuota
{
    /// <summary>Moves the counters to today, then asks <paramref name="take"/> (which counts) whether one more is allowed.</summary>
    public static bool TryTake(EmailState next, DateTimeOffset now, Func<EmailState, bool> take)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (next.QuotaDay != today)
        {
            next.QuotaDay = today;
            next.VerificationMailsToday = 0;
            next.ResetMailsToday = 0;
        }

        return take(next);
    }

    public static TimeSpan UntilTomorrow(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
}
