using System.Globalization;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Limits;

/// <summary>The inviter's daily quota, taken by the loan's write step for the invitations a write makes (whatever command made them).</summary>
internal static class InvitationQuota
{
    public static string Key(Guid senderId) => $"invitations/{senderId:N}";

    /// <summary>Takes <paramref name="count"/> invitations from <paramref name="senderId"/>'s quota, or throws InvitationQuotaExceeded with the time until it renews.</summary>
    public static async Task TakeAsync(IGrainFactory grains, InvitationLimitsOptions limits, TimeProvider clock, Guid senderId, int count)
    {
        if (count == 0 || await grains.GetGrain<IDailyCounterGrain>(Key(senderId)).TryAddAsync(count, limits.DailyPerSender))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        throw new DomainException(DomainErrorCode.InvitationQuotaExceeded, string.Create(CultureInfo.InvariantCulture,
            $"You may send at most {limits.DailyPerSender} invitations a day; this request would pass it. The quota renews at midnight UTC."))
        {
            RetryAfter = tomorrow - now,
        };
    }
}
