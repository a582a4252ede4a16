using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Tests.Rules;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("  Ann.Smith+loans@Mail.Example.co.uk ")]
    [InlineData("a_b-c@sub.example.io")]
    public void IsValid_PlainAddress_True(string email) => Assert.True(EmailAddress.IsValid(email));

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
    [InlineData("ann@@example.com")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann\u0007x@example.com")]
    public void IsValid_NotAPlainAddress_False(string? email) => Assert.False(EmailAddress.IsValid(email));

    [Fact]
    public void IsValid_Over254Characters_False()
    {
        Assert.True(EmailAddress.IsValid($"{new string('a', EmailAddress.MaxLength - 12)}@example.com"));
        Assert.False(EmailAddress.IsValid($"{new string('a', EmailAddress.MaxLength - 11)}@example.com"));
    }

    [Fact]
    public void Normalize_TrimsAndIgnoresCase() => Assert.Equal("ANN@EXAMPLE.COM", EmailAddress.Normalize("  Ann@Example.com "));

    [Theory]
    [InlineData(null, "Is required.")]
    [InlineData("nope", EmailAddress.InvalidMessage)]
    public void Check_MissingOrMalformed_OneMessageOnTheField(string? email, string message)
    {
        var errors = new FieldErrors();

        Assert.False(EmailAddress.Check(errors, "email", email));

        Assert.Equal([message], errors.ToDictionary()["email"]);
    }
}
