using PrivateLending.Grains.Users;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HoldsAddress_UnverifiedPastItsDays_NoLonger()
    {
        var account = new EmailState { Registered = true, CreatedAt = Created };

        Assert.True(AccountRules.HoldsAddress(account, Created.AddDays(7).AddTicks(-1), 7));
        Assert.False(AccountRules.HoldsAddress(account, Created.AddDays(7), 7));
        account.EmailVerified = true;
        Assert.True(AccountRules.HoldsAddress(account, Created.AddYears(3), 7));
        Assert.False(AccountRules.HoldsAddress(new EmailState(), Created, 7));
    }

    [Fact]
    public void MailQuota_VerificationResends_CappedPerDayAndAgainTheNextDay()
    {
        var account = new EmailState();
        bool Take(DateTimeOffset at) => MailQuota.TryTake(account, at, s => s.VerificationMailsToday++ < VerificationMail.MaxResendsPerDay);

        var allowed = Enumerable.Range(0, VerificationMail.MaxResendsPerDay + 2).Count(i => Take(Created.AddMinutes(i)));

        Assert.Equal(VerificationMail.MaxResendsPerDay, allowed);
        Assert.True(Take(Created.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(16), MailQuota.UntilTomorrow(Created));
    }
}
