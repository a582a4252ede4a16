using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Tests.Rules;

public sealed class FieldRuleTests
{
    [Theory]
    [InlineData("10", true)]
    [InlineData("10.50", true)]
    [InlineData("10.500", true)]
    [InlineData("0.01", true)]
    [InlineData("0.001", false)]
    [InlineData("7.255", false)]
    public void DecimalRule_TwoDecimals_TrailingZerosDoNotCount(string value, bool allowed) =>
        Assert.Equal(allowed, LoanLimits.Amount.Allows(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Stored items are limited in bytes: 200 three-byte characters are 600 bytes, over the name's 400.</summary>
    [Theory]
    [InlineData(133, true)]
    [InlineData(134, false)]
    [InlineData(200, false)]
    public void TextRule_ThreeByteCharacters_CappedInUtf8Bytes(int characters, bool allowed)
    {
        var name = new string('語', characters);
        var errors = new FieldErrors();

        UserLimits.Name.Check(errors, "name", name);

        Assert.Equal(allowed, UserLimits.Name.Allows(name));
        Assert.Equal(allowed, errors.IsEmpty);
    }

    [Fact]
    public void DecimalRule_Step_IsOneUnitOfTheLastDecimal()
    {
        Assert.Equal(0.01m, LoanLimits.Amount.Step);
        Assert.Equal(0.0001m, LoanLimits.InterestRate.Step);
    }

    [Fact]
    public void DecimalRule_EveryBrokenBound_OneMessageEach()
    {
        var errors = new FieldErrors();

        LoanLimits.Amount.Check(errors, "amount", -0.001m);

        Assert.Equal(["Must be greater than 0.", "Must have at most 2 decimal places."], errors.ToDictionary()["amount"]);
    }

    [Fact]
    public void TextRule_CountsTrimmedCharacters()
    {
        Assert.True(LoanLimits.Purpose.Allows($"  {new string('p', LoanLimits.Purpose.MaxLength)}  "));
        Assert.False(LoanLimits.Purpose.Allows(new string('p', LoanLimits.Purpose.MaxLength + 1)));
        Assert.False(LoanLimits.Purpose.Allows("   "));
    }

    [Fact]
    public void IntegerRule_BothEndsIncluded()
    {
        Assert.True(PagingLimits.Limit.Allows(1));
        Assert.True(PagingLimits.Limit.Allows(100));
        Assert.False(PagingLimits.Limit.Allows(0));
        Assert.False(PagingLimits.Limit.Allows(101));
    }

    [Fact]
    public void CheckLenderCount_OverTheMaximum_OneLendersError()
    {
        var errors = new FieldErrors();

        Assert.False(LoanLimits.CheckLenderCount(errors, LoanLimits.MaxLendersPerRequest + 1, minimum: 0));

        Assert.Equal(["lenders"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void FieldErrors_ThrowIfAny_ValidationWithEveryField()
    {
        var errors = new FieldErrors();
        errors.Add("a", "x");
        errors.Add("b", "y");

        var error = Assert.Throws<DomainException>(errors.ThrowIfAny);

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal(["a", "b"], error.Errors!.Keys.Order());
    }
}
