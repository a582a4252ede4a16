using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Tests.Webhooks;

public sealed class WebhookScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly WebhookSchedule _schedule = new(new WebhookOptions());

    [Fact]
    public void DelayAfter_DefaultSettings_GrowsFromSecondsByFourUpToTwelveHours()
    {
        var delays = Enumerable.Range(1, 9).Select(_schedule.DelayAfter).ToList();

        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(320),
             TimeSpan.FromSeconds(1280), TimeSpan.FromSeconds(5120), TimeSpan.FromSeconds(20480), TimeSpan.FromHours(12), TimeSpan.FromHours(12)],
            delays);
    }

    [Fact]
    public void Plan_DefaultSettings_RetriesForUpToThreeDaysThenStops()
    {
        var plan = _schedule.Plan().ToList();

        Assert.Equal(TimeSpan.Zero, plan[0]);
        Assert.True(plan[^1] <= TimeSpan.FromDays(3));
        Assert.True(plan[^1] > TimeSpan.FromDays(2.5), $"last attempt at {plan[^1]}");
        Assert.InRange(plan.Count, 10, 20);
    }

    [Fact]
    public void NextAttempt_PastRetryWindow_IsNull()
    {
        var justInside = Start + TimeSpan.FromDays(3) - TimeSpan.FromHours(13);
        var tooLate = Start + TimeSpan.FromDays(3) - TimeSpan.FromHours(11);

        Assert.Equal(justInside + TimeSpan.FromHours(12), _schedule.NextAttempt(Start, 10, justInside));
        Assert.Null(_schedule.NextAttempt(Start, 10, tooLate));
    }

    [Fact]
    public void DelayAfter_ConfiguredForTests_IsSeconds()
    {
        var fast = new WebhookSchedule(new WebhookOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(200), BackoffFactor = 2, MaxRetryDelay = TimeSpan.FromSeconds(1) });

        Assert.Equal([200, 400, 800, 1000, 1000], Enumerable.Range(1, 5).Select(n => fast.DelayAfter(n).TotalMilliseconds));
    }
}
