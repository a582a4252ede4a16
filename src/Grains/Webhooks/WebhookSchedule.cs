namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// The retry schedule: exponential backoff, <c>FirstRetryDelay × BackoffFactor^(n−1)</c> after the n-th failed
/// attempt, capped at <c>MaxRetryDelay</c>; no attempt later than <c>RetryFor</c> after the delivery was queued.
/// With the defaults: 5 s, 20 s, 80 s, 5 min, 21 min, 85 min, 5.7 h, then every 12 h until 3 days have passed.
/// </summary>
public sealed class WebhookSchedule(WebhookOptions options)
{
    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var seconds = options.FirstRetryDelay.TotalSeconds * Math.Pow(Math.Max(1, options.BackoffFactor), failures - 1);
        return seconds >= options.MaxRetryDelay.TotalSeconds || double.IsInfinity(seconds)
            ? options.MaxRetryDelay
            : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>When to try again after a failure, or null when the delivery has run out of time.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset queuedAt, int failures, DateTimeOffset now)
    {
        var next = now + DelayAfter(failures);
        return next - queuedAt > options.RetryFor ? null : next;
    }

    /// <summary>Every planned attempt time for a delivery that always fails (the documented schedule).</summary>
    public IEnumerable<TimeSpan> Plan()
    {
        var at = TimeSpan.Zero;
        yield return at;
        for (var failures = 1; ; failures++)
        {
            at += DelayAfter(failures);
            if (at > options.RetryFor)
            {
                yield break;
            }

            yield return at;
        }
    }
}
