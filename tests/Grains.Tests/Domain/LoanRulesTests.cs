using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class LoanRulesTests
{
    [Theory]
    [InlineData("0.01")]
    [InlineData("10000000")]
    [InlineData("10.50")]
    [InlineData("10.500")]
    public void CheckTerms_AmountWithinRules_NoError(string amount) =>
        Assert.Empty(TermErrors(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 5m, 12, "Roof"));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10000000.01")]
    [InlineData("10.001")]
    public void CheckTerms_AmountOutsideRules_AmountError(string amount) =>
        Assert.Equal(["amount"], TermErrors(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 5m, 12, "Roof"));

    [Theory]
    [InlineData("0", true)]
    [InlineData("100", true)]
    [InlineData("12.3456", true)]
    [InlineData("-0.0001", false)]
    [InlineData("100.0001", false)]
    [InlineData("12.34567", false)]
    public void CheckTerms_InterestRate_ZeroToHundredWithFourDecimals(string rate, bool valid) =>
        Assert.Equal(valid, TermErrors(1000m, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), 12, "Roof").Count == 0);

    [Theory]
    [InlineData(1, true)]
    [InlineData(480, true)]
    [InlineData(0, false)]
    [InlineData(481, false)]
    public void CheckTerms_TermMonths_OneTo480(int term, bool valid) =>
        Assert.Equal(valid, TermErrors(1000m, 5m, term, "Roof").Count == 0);

    [Theory]
    [InlineData("x", true)]
    [InlineData("  padded  ", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void CheckTerms_Purpose_OneTo500TrimmedCharacters(string? purpose, bool valid) =>
        Assert.Equal(valid, TermErrors(1000m, 5m, 12, purpose).Count == 0);

    [Fact]
    public void CheckTerms_PurposeLengthLimit_500AllowedAnd501Refused()
    {
        Assert.Empty(TermErrors(1000m, 5m, 12, new string('p', 500)));
        Assert.Equal(["purpose"], TermErrors(1000m, 5m, 12, new string('p', 501)));
    }

    [Fact]
    public void CheckInvites_SelfInviteInOtherCase_FieldError()
    {
        var errors = InviteErrors([new LenderInvite(" ME@example.com ", 10m)], "me@example.com");

        Assert.Equal(["lenders[0].email"], errors);
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(1, 1, true)]
    [InlineData(20, 1, true)]
    [InlineData(21, 1, false)]
    [InlineData(0, 0, true)]
    public void CheckInvites_Count_WithinMinimumAndTwenty(int count, int minimum, bool valid)
    {
        var invites = Enumerable.Range(0, count).Select(i => new LenderInvite($"l{i}@example.com", 1m)).ToArray();
        var errors = new FieldErrors();

        LoanRules.CheckInvites([.. invites], minimum, "b@example.com", errors);

        Assert.Equal(valid, errors.IsEmpty);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.001")]
    public void CheckInvites_ContributionNotPositiveTwoDecimals_AmountError(string amount) =>
        Assert.Equal(["lenders[0].amount"], InviteErrors([new LenderInvite("a@example.com", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))], "b@example.com"));

    [Fact]
    public void CheckNoDuplicates_RepeatInRequestIgnoringCase_DuplicateLender()
    {
        var error = Assert.Throws<DomainException>(() =>
            LoanRules.CheckNoDuplicates([new("a@example.com", 1m), new(" A@Example.com", 1m)], []));

        Assert.Equal(DomainErrorCode.DuplicateLender, error.Code);
    }

    [Theory]
    [InlineData(ParticipantStatus.Pending, true)]
    [InlineData(ParticipantStatus.Accepted, true)]
    [InlineData(ParticipantStatus.Declined, false)]
    public void CheckNoDuplicates_ExistingParticipant_DuplicateUnlessDeclined(ParticipantStatus status, bool duplicate)
    {
        var existing = new ParticipantState { NormalizedEmail = "a@example.com", Status = status };

        var error = Record.Exception(() => LoanRules.CheckNoDuplicates([new("a@example.com", 1m)], [existing]));

        Assert.Equal(duplicate, error is DomainException { Code: DomainErrorCode.DuplicateLender });
    }

    [Fact]
    public void CheckFunding_ExactlyTheAmount_Allowed() => LoanRules.CheckFunding(100m, 60m, 40m);

    [Fact]
    public void CheckFunding_OneCentOver_OverFunding() =>
        Assert.Equal(DomainErrorCode.OverFunding, Assert.Throws<DomainException>(() => LoanRules.CheckFunding(100m, 60m, 40.01m)).Code);

    [Theory]
    [InlineData("  why  ", "why")]
    public void CheckReason_Trimmed(string reason, string expected) => Assert.Equal(expected, LoanRules.CheckReason(reason));

    [Fact]
    public void CheckReason_TooLong_ValidationOnReason() =>
        Assert.Contains("reason", Assert.Throws<DomainException>(() => LoanRules.CheckReason(new string('r', 501))).Errors!.Keys);

    private static List<string> TermErrors(decimal amount, decimal rate, int term, string? purpose) =>
        Collect(errors => LoanRules.CheckTerms(amount, rate, term, purpose, errors));

    private static List<string> InviteErrors(LenderInvite[] invites, string borrowerEmail) =>
        Collect(errors => LoanRules.CheckInvites([.. invites], 1, borrowerEmail, errors));

    private static List<string> Collect(Action<FieldErrors> check)
    {
        var errors = new FieldErrors();
        check(errors);
        try
        {
            errors.ThrowIfAny();
            return [];
        }
        catch (DomainException ex)
        {
            return [.. ex.Errors!.Keys.Order()];
        }
    }
}
