using System.Security.Cryptography;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Tests.Users;

public sealed class EmailKeysTests
{
    private static readonly EmailKeys Keys = new(Secret(1));

    [Fact]
    public void For_SameSecret_SameKeyForEveryFormOfTheAddress()
    {
        var again = new EmailKeys(Secret(1));

        Assert.Equal(Keys.For("ann@example.com"), again.For("ann@example.com"));
        Assert.Equal(Keys.For("ann@example.com"), Keys.For("  Ann@Example.COM "));
    }

    [Fact]
    public void For_OtherSecret_OtherKey() =>
        Assert.NotEqual(Keys.For("ann@example.com"), new EmailKeys(Secret(2)).For("ann@example.com"));

    [Fact]
    public void For_OtherAddress_OtherKey() =>
        Assert.NotEqual(Keys.For("ann@example.com"), Keys.For("anne@example.com"));

    [Fact]
    public void For_Address_KeyCarriesNoPartOfIt()
    {
        var key = Keys.For("ann.lender@example.com");

        Assert.StartsWith(EmailKeys.Prefix, key, StringComparison.Ordinal);
        Assert.DoesNotContain("@", key, StringComparison.Ordinal);
        Assert.DoesNotContain("ann", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example", key, StringComparison.OrdinalIgnoreCase);
        Assert.True(EmailKeys.IsKey(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ann@example.com")]
    [InlineData("em1_short")]
    [InlineData("em1_NWB9PzO1od8LgXmtPU09FB7Twbr7VurhPe8rToG7cW+")]
    [InlineData("xx1_NWB9PzO1od8LgXmtPU09FB7Twbr7VurhPe8rToG7cWE")]
    public void IsKey_NotAKey_False(string? value) => Assert.False(EmailKeys.IsKey(value));

    [Fact]
    public void Constructor_SecretShorterThan32Bytes_Refused() =>
        Assert.Throws<ArgumentException>(() => new EmailKeys(new byte[31]));

    [Fact]
    public void FromBase64_SameBytes_SameKeys() =>
        Assert.Equal(Keys.For("ann@example.com"), EmailKeys.FromBase64(Convert.ToBase64String(Secret(1))).For("ann@example.com"));

    private static byte[] Secret(byte seed) => SHA256.HashData([seed]);
}
