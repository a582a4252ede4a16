using System.Globalization;

namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Bounds and precision of a decimal field (money, rates). The API, the grains and the OpenAPI document all read
/// the same instance, so the published contract cannot drift from what is enforced.
/// </summary>
/// <param name="Minimum">The lowest value, allowed unless <paramref name="ExclusiveMinimum"/>.</param>
/// <param name="ExclusiveMinimum">True when <paramref name="Minimum"/> itself is refused.</param>
/// <param name="Maximum">The highest allowed value.</param>
/// <param name="Decimals">Decimal places that may be significant (10.50 has one, 10.500 too).</param>
public sealed record DecimalRule(decimal Minimum, bool ExclusiveMinimum, decimal Maximum, int Decimals)
{
    /// <summary>The smallest step a value may take, e.g. 0.01 for two decimals.</summary>
    public decimal Step => decimal.One / Pow10(Decimals);

    /// <summary>True when the value is within bounds and needs no more than <see cref="Decimals"/> places.</summary>
    public bool Allows(decimal value) =>
        (ExclusiveMinimum ? value > Minimum : value >= Minimum) && value <= Maximum && HasAtMostDecimals(value);

    /// <summary>True when rounding to <see cref="Decimals"/> places changes nothing (trailing zeros are fine).</summary>
    public bool HasAtMostDecimals(decimal value) => decimal.Round(value, Decimals) == value;

    /// <summary>Adds one message per broken bound; "is required" when the value is missing.</summary>
    public void Check(FieldErrors errors, string field, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } v)
        {
            errors.Add(field, "Is required.");
            return;
        }

        errors.When(ExclusiveMinimum ? v <= Minimum : v < Minimum, field,
            ExclusiveMinimum ? $"Must be greater than {Format(Minimum)}." : $"Must be at least {Format(Minimum)}.");
        errors.When(v > Maximum, field, $"Must be at most {Format(Maximum)}.");
        errors.When(!HasAtMostDecimals(v), field, $"Must have at most {Decimals} decimal places.");
    }

    private static decimal Pow10(int exponent)
    {
        var result = decimal.One;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
