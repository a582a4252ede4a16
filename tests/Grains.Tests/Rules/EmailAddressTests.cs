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
    public void Normalize_TrimsAndLowerCasesAscii() => Assert.Equal("ann@example.com", EmailAddress.Normalize("  Ann@Example.COM "));

    // Each of these folded into an ASCII address under ToUpperInvariant, so two people shared one account.
    [Theory]
    [InlineData("b\u0131b@example.com")] // dotless i
    [InlineData("\u017Fam@example.com")] // long s
    [InlineData("\u212Aate@example.com")] // Kelvin sign
    [InlineData("b\u043Eb@example.com")] // Cyrillic o
    [InlineData("j\u00F6rg@example.com")] // any non-ASCII local part
    public void IsValid_NonAsciiLocalPart_False(string email) => Assert.False(EmailAddress.IsValid(email));

    [Theory]
    [InlineData("bob@\u0131bm.com")] // dotless i in the domain
    [InlineData("bob@ex\u0430mple.com")] // Cyrillic a in the domain
    [InlineData("bob@b\u00FCcher.de")] // any non-ASCII domain: give it in its xn-- form
    public void IsValid_NonAsciiDomain_False(string email) => Assert.False(EmailAddress.IsValid(email));

    [Fact]
    public void Normalize_PunycodeDomain_LowerCased()
    {
        Assert.True(EmailAddress.IsValid("Bob@XN--BCHER-KVA.de"));
        Assert.Equal("bob@xn--bcher-kva.de", EmailAddress.Normalize("Bob@XN--BCHER-KVA.de"));
    }

    [Fact]
    public void Normalize_FoldsOnlyAscii_ConfusablesStayDistinct() =>
        Assert.NotEqual(EmailAddress.Normalize("bib@example.com"), EmailAddress.Normalize("b\u0131b@example.com"));

    [Fact]
    public void IsValid_UnderscoreInDomain_False() => Assert.False(EmailAddress.IsValid("bob@exa_mple.com"));

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
