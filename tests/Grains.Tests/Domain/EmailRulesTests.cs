using PrivateLending.Grains.Users;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class EmailRulesTests
{
    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("  Ann.Smith+loans@Mail.Example.co.uk ")]
    [InlineData("a_b-c@sub.example.io")]
    public void IsValid_PlainAddress_True(string email) => Assert.True(EmailRules.IsValid(email));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("ann")]
    [InlineData("ann@")]
    [InlineData("@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("ann@example.")]
    [InlineData("ann@example..com")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann\u0007x@example.com")]
    public void IsValid_NotAPlainAddress_False(string? email) => Assert.False(EmailRules.IsValid(email));

    [Fact]
    public void IsValid_Over254Characters_False() => Assert.False(EmailRules.IsValid($"{new string('a', 245)}@example.com"));
}
