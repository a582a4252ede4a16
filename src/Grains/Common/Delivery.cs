namespace PrivateLending.Grains.Common;

/// <summary>Runs index deliveries to other grains without ever letting a call cycle hold a grain for long.</summary>
internal static class Delivery
{
    /// <summary>
    /// How long a command waits for its deliveries before answering. Two grains that call each other while both
    /// are busy (a loan sending to a lender that is linking to that loan) would otherwise deadlock until the
    /// 30 s response timeout; with this bound both give up quickly, the queued calls still run, and the
    /// retry timer re-sends whatever was not acknowledged.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>Waits for all <paramref name="deliveries"/> up to <see cref="Wait"/>; true when every one succeeded.</summary>
    public static async Task<bool> WaitAllAsync(IReadOnlyCollection<Task<bool>> deliveries, TimeProvider clock)
    {
        if (deliveries.Count == 0)
        {
            return true;
        }

        var all = Task.WhenAll(deliveries);
        try
        {
            var results = await all.WaitAsync(Wait, clock);
            return results.All(ok => ok);
        }
        catch (TimeoutException)
        {
            // The deliveries carry on and remove their own items when they land; the retry covers the rest.
            return false;
        }
    }
}
