using Microsoft.AspNetCore.DataProtection;
using PrivateLending.Api.Lenders;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Tests.Unit;

public sealed class AchTests
{
    [Theory]
    [InlineData("011000015", true)]
    [InlineData("021000021", true)]
    [InlineData("122105155", true)]
    [InlineData("011000016", false)]
    [InlineData("123456789", false)]
    [InlineData("12345678", false)]
    [InlineData("01100001a", false)]
    public void IsValidAbaChecksum_KnownNumbers(string routing, bool valid) =>
        Assert.Equal(valid, AchDetails.IsValidAbaChecksum(routing));

    [Fact]
    public void Validate_GoodDetails_NormalisesTypeAndKeepsLast4()
    {
        var errors = new FieldErrors();

        var ach = AchDetails.Validate(new AchRequest(" Jo Lender ", "011000015", "000123456789", "Savings"), errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(ach);
        Assert.Equal("Jo Lender", ach.AccountHolder);
        Assert.Equal("savings", ach.AccountType);
        Assert.Equal("6789", ach.AccountLast4);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField()
    {
        var errors = new FieldErrors();

        Assert.Null(AchDetails.Validate(new AchRequest(new string('h', 201), "999999999", "12", "gold"), errors));

        var fields = errors.ToDictionary().Keys.Order(StringComparer.Ordinal);
        Assert.Equal(["ach.account_holder", "ach.account_number", "ach.account_type", "ach.routing_number"], fields);
    }

    [Fact]
    public void ToString_NeverShowsTheNumbers()
    {
        var request = new AchRequest("Jo", "011000015", "000123456789", "checking");
        var details = new AchDetails("Jo", "011000015", "000123456789", "checking");

        Assert.DoesNotContain("123456789", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("011000015", details.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("000123456789", new AcceptInvitationRequest(request).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_EncryptsTheWholeRecordAndShowsOnlyMaskedParts()
    {
        var protector = new AchProtector(new EphemeralDataProtectionProvider());
        var details = new AchDetails("Jo Lender", "011000015", "000123456789", "checking");

        var stored = protector.Protect(details);

        Assert.DoesNotContain("000123456789", stored.Ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain("011000015", stored.Ciphertext, StringComparison.Ordinal);
        Assert.Equal("6789", stored.AccountLast4);
        Assert.Equal("Jo Lender", stored.AccountHolder);
        Assert.Equal("checking", stored.AccountType);
        Assert.Equal(details, protector.Unprotect(stored));
    }

    [Fact]
    public void Protect_UsesTheAchPurpose_SoOtherPurposesCannotOpenIt()
    {
        var provider = new EphemeralDataProtectionProvider();
        var stored = new AchProtector(provider).Protect(new AchDetails("Jo", "011000015", "0001234", "checking"));

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => provider.CreateProtector("paging.v1").Unprotect(stored.Ciphertext));
        Assert.Contains("0001234", provider.CreateProtector(AchProtector.Purpose).Unprotect(stored.Ciphertext), StringComparison.Ordinal);
    }
}
