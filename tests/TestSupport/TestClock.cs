namespace PrivateLending.TestSupport;

/// <summary>
/// The test silos' clock: the system's, moved by an offset a test sets, so servicing tests move days without
/// waiting. Only the wall clock moves: timestamps and timers (Orleans' own, retries) run on real time, so a silo
/// whose date jumped still behaves. One instance per test process: tests that move it are in one collection (run
/// one after another) and put it back when done (<see cref="Move"/> returns the scope that does).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public static TestClock Instance { get; } = new();

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock by <paramref name="by"/> (from where it is) until the returned scope is disposed.</summary>
    public IDisposable Move(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return new Restore(this, by);
    }

    private sealed class Restore(TestClock clock, TimeSpan by) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Add(ref clock._offsetTicks, -by.Ticks);
            }
        }
    }
}
