using System.Collections.Immutable;
using System.Numerics;

namespace PrivateLending.Grains.Servicing;

/// <summary>One line of a freshly built schedule.</summary>
internal sealed record ScheduledInstallment(int Number, DateOnly DueDate, decimal Principal, decimal Interest)
{
    public decimal Amount => Principal + Interest;
}

/// <summary>
/// The monthly fixed-rate annuity schedule of a loan. Computed exactly (decimal, and whole numbers for the
/// installment; never double), every figure rounded to the cent half away from zero.
/// </summary>
/// <remarks>
/// Rule that keeps every line non-negative and the principal summing exactly to the amount: each installment's
/// principal is clamped to [0, balance before it], and the last one takes whatever balance is left. The lower
/// clamp never acts (the rounded installment is at least the rounded interest on any balance up to the amount);
/// the upper one acts when rounding the installment up repays the loan early, or when round(P/n) × (n − 1) passes
/// P at 0 %: later installments then carry no principal (and no interest, the balance being zero).
/// </remarks>
internal sealed record AmortizationSchedule(decimal InstallmentAmount, ImmutableArray<ScheduledInstallment> Installments)
{
    public decimal TotalInterest => Installments.Sum(i => i.Interest);

    /// <param name="amount">P, in cents, more than zero.</param>
    /// <param name="annualRatePercent">Yearly rate in percent (6.0 is 6 %); r = rate / 1200 per month.</param>
    /// <param name="termMonths">n, at least 1.</param>
    /// <param name="disbursedOn">Installment k is due k calendar months later.</param>
    public static AmortizationSchedule Build(decimal amount, decimal annualRatePercent, int termMonths, DateOnly disbursedOn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfNegative(annualRatePercent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(termMonths);

        var installment = annualRatePercent == 0 ? Cents(amount / termMonths) : Annuity(amount, annualRatePercent, termMonths);
        var lines = ImmutableArray.CreateBuilder<ScheduledInstallment>(termMonths);
        var balance = amount;
        for (var k = 1; k <= termMonths; k++)
        {
            var interest = Interest(balance, annualRatePercent);
            var principal = k == termMonths ? balance : Math.Clamp(installment - interest, 0, balance);
            balance -= principal;
            lines.Add(new ScheduledInstallment(k, DueDate(disbursedOn, k), principal, interest));
        }

        return new AmortizationSchedule(installment, lines.MoveToImmutable());
    }

    /// <summary>Counted from the disbursement each time, so 31 Jan gives 28/29 Feb and then 31 Mar (not 28 Mar).</summary>
    public static DateOnly DueDate(DateOnly disbursedOn, int number) => disbursedOn.AddMonths(number);

    /// <summary>
    /// round(B·r, 2) with the division last: B·rate is exact in decimal and dividing it once rounds only at the 28th
    /// digit, so a product landing exactly on half a cent still rounds up (B·(rate/1200) could fall just below it).
    /// </summary>
    public static decimal Interest(decimal balance, decimal annualRatePercent) => Cents(balance * annualRatePercent / 1200m);

    public static decimal Cents(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A = P·r / (1 − (1 + r)^−n) rounded to the cent, computed exactly: with the rate's digits R and r = R / D
    /// (D = 1200·10^scale), A = P·R·(D + R)^n / (D·((D + R)^n − D^n)) in whole numbers. Decimal arithmetic is not
    /// enough: r = 1/12 is inexact, so an installment that lies exactly on half a cent (1,363.50 at 100 % over two
    /// months is 768.105) came out just below it and rounded down.
    /// </summary>
    private static decimal Annuity(decimal amount, decimal annualRatePercent, int termMonths)
    {
        var (rateDigits, rateScale) = Digits(annualRatePercent);
        var (amountDigits, amountScale) = Digits(amount);
        var d = 1200 * BigInteger.Pow(10, rateScale);
        var grown = BigInteger.Pow(d + rateDigits, termMonths);
        var numerator = amountDigits * rateDigits * grown * 100;
        var denominator = d * (grown - BigInteger.Pow(d, termMonths)) * BigInteger.Pow(10, amountScale);
        var cents = ((2 * numerator) + denominator) / (2 * denominator); // half away from zero; both are positive
        return (decimal)cents / 100m;
    }

    /// <summary>A positive decimal as its 96-bit digits and scale: 6.25 is (625, 2).</summary>
    private static (BigInteger Digits, int Scale) Digits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var digits = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return (digits, value.Scale);
    }
}
