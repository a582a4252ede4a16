namespace PrivateLending.Grains.Limits;

/// <summary>
/// A count that starts again every UTC day, kept durably (a daily limit must outlast deactivation and restarts).
/// Keyed by what is counted: <c>invitations/&lt;sender id&gt;</c>, <c>invitation-mails/&lt;email key&gt;</c> (no address in a key).
/// Internal to the silo; it calls nothing, so any grain may await it.
/// </summary>
internal interface IDailyCounterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds <paramref name="count"/> when today's total stays within <paramref name="limit"/> and returns true; otherwise
    /// changes nothing and returns false (a refused request takes nothing, so a smaller one may still fit).
    /// </summary>
    Task<bool> TryAddAsync(int count, int limit);
}
