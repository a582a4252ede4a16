using System.Text.RegularExpressions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Rules;

/// <summary>Display text refuses control, bidi and zero-width characters: the rule, its published pattern, and the grain's own check.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("a\0b")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u202Ab")]
    [InlineData("a\u2066b\u2069")]
    [InlineData("a\u200Fb")]
    [InlineData("a\u200Bb")]
    [InlineData("a\u200Db")]
    [InlineData("a\u2060b")]
    [InlineData("a\uFEFFb")]
    [InlineData("trailing\n")]
    public void TextRule_ControlBidiOrZeroWidth_RefusedWithOneClearMessage(string value)
    {
        var errors = new FieldErrors();

        LoanLimits.Purpose.Check(errors, "purpose", value);

        Assert.False(LoanLimits.Purpose.Allows(value));
        Assert.Equal([DisplayText.InvalidMessage], errors.ToDictionary()["purpose"]);
    }

    [Theory]
    [InlineData("Kitchen renovation")]
    [InlineData("Zoë's café — 2 ½ rooms")]
    [InlineData("שיפוץ המטבח")]
    [InlineData("厨房装修 🏠")]
    public void TextRule_OrdinaryTextInAnyScript_Allowed(string value) => Assert.True(LoanLimits.Purpose.Allows(value));

    [Fact]
    public void Pattern_AgreesWithTheRuleForEveryCharacter()
    {
        var pattern = new Regex(DisplayText.Pattern, RegexOptions.CultureInvariant);

        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (char.IsSurrogate(c))
            {
                continue;
            }

            Assert.True(MatchesWhole(pattern, "a" + c) == !DisplayText.IsRefused(c), $"U+{(int)c:X4}");
        }

        Assert.False(MatchesWhole(pattern, "   "));
    }

    /// <summary>As JSON Schema reads a pattern (ECMAScript: <c>$</c> is the end, not also before a final line feed as in .NET).</summary>
    private static bool MatchesWhole(Regex pattern, string value)
    {
        var match = pattern.Match(value);
        return match.Success && match.Length == value.Length;
    }

    [Fact]
    public void Create_PurposeWithLineBreak_RefusedByTheGrainItself()
    {
        var command = new CreateLoan(User(), new LoanTerms(1000m, 5m, 12, "Kitchen\r\nrenovation"), []);

        var error = Assert.Throws<DomainException>(() => LoanCommands.Create(new LoanState(), Guid.NewGuid(), command, DateTimeOffset.UtcNow, []));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal([DisplayText.InvalidMessage], error.Errors!["purpose"]);
    }
}
