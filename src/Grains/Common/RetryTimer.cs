namespace PrivateLending.Grains.Common;

/// <summary>
/// One re-armable grain timer that retries pending deliveries with exponential backoff (1 s doubling to 1 min).
/// It keeps the activation alive while work is pending, so an idle grain is not collected with undelivered updates.
/// </summary>
internal sealed class RetryTimer(IGrainBase grain, Func<CancellationToken, Task> callback, bool interleave)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private TimeSpan _next = First;

    /// <summary>Runs the callback as soon as the current turn ends (e.g. on activation or for background work).</summary>
    public void Soon() => Arm(TimeSpan.Zero);

    /// <summary>Schedules a retry after the current backoff and doubles it.</summary>
    public void Backoff()
    {
        Arm(_next);
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
    }

    /// <summary>Everything was delivered: reset the backoff.</summary>
    public void Succeeded() => _next = First;

    private void Arm(TimeSpan due)
    {
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(callback, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                Interleave = interleave,
                KeepAlive = true,
            });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}
