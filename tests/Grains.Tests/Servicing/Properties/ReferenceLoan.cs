using System.Numerics;

namespace PrivateLending.Grains.Tests.Servicing.Properties;

/// <summary>
/// The servicing rules written again from the specification, independently of production: whole cents
/// (<see cref="long"/>), exact rationals in <see cref="BigInteger"/> instead of decimal, due dates counted by hand,
/// plain loops. The rate is in units of 0.0001 %, so r = units / 12,000,000 exactly.
/// </summary>
internal sealed class ReferenceLoan
{
    private const long Denominator = 12_000_000; // 1200 (percent a year → a month) × 10,000 (four decimals)

    private ReferenceLoan(int n)
    {
        Due = new DateOnly[n];
        Principal = new long[n];
        Interest = new long[n];
        PaidPrincipal = new long[n];
        PaidInterest = new long[n];
        Waived = new long[n];
    }

    public long InstallmentAmount { get; private init; }
    public DateOnly[] Due { get; }
    public long[] Principal { get; }
    public long[] Interest { get; }
    public long[] PaidPrincipal { get; }
    public long[] PaidInterest { get; }
    public long[] Waived { get; }
    public long TotalPrincipalPaid => PaidPrincipal.Sum();
    public long TotalInterestPaid => PaidInterest.Sum();

    public long Remaining
    {
        get
        {
            long left = 0;
            for (var k = 0; k < Due.Length; k++)
            {
                left += Principal[k] - PaidPrincipal[k] + Interest[k] - Waived[k] - PaidInterest[k];
            }

            return left;
        }
    }

    public static ReferenceLoan Build(long amountCents, long rateUnits, int n, DateOnly disbursed)
    {
        long installment;
        if (rateUnits == 0)
        {
            installment = HalfUp(amountCents, n);
        }
        else
        {
            // A = P·r/(1 − (1+r)^−n) = P·u·(D+u)^n / (D·((D+u)^n − D^n)), exactly.
            var grown = BigInteger.Pow(Denominator + rateUnits, n);
            installment = HalfUp(amountCents * rateUnits * grown, Denominator * (grown - BigInteger.Pow(Denominator, n)));
        }

        var loan = new ReferenceLoan(n) { InstallmentAmount = installment };
        var balance = amountCents;
        for (var k = 0; k < n; k++)
        {
            var interest = HalfUp((BigInteger)balance * rateUnits, Denominator);
            var principal = installment - interest;
            if (principal < 0)
            {
                principal = 0;
            }

            if (principal > balance || k == n - 1)
            {
                principal = balance;
            }

            loan.Due[k] = AddMonths(disbursed, k + 1);
            loan.Principal[k] = principal;
            loan.Interest[k] = interest;
            balance -= principal;
        }

        return loan;
    }

    public long PayoffAmount(DateOnly on)
    {
        long amount = 0;
        for (var k = 0; k < Due.Length; k++)
        {
            amount += Principal[k] - PaidPrincipal[k];
            if (Due[k] <= on)
            {
                amount += Interest[k] - Waived[k] - PaidInterest[k];
            }
        }

        return amount;
    }

    /// <summary>Interest first, then principal, installment by installment; the caller checked the amount fits.</summary>
    public (long Interest, long Principal) Pay(long cents, DateOnly on, bool payoff)
    {
        long interestPaid = 0, principalPaid = 0;
        for (var k = 0; k < Due.Length; k++)
        {
            if (payoff && Due[k] > on)
            {
                Waived[k] = Interest[k] - PaidInterest[k];
            }

            var toInterest = Math.Min(cents, Interest[k] - Waived[k] - PaidInterest[k]);
            PaidInterest[k] += toInterest;
            cents -= toInterest;
            interestPaid += toInterest;
            var toPrincipal = Math.Min(cents, Principal[k] - PaidPrincipal[k]);
            PaidPrincipal[k] += toPrincipal;
            cents -= toPrincipal;
            principalPaid += toPrincipal;
        }

        return (interestPaid, principalPaid);
    }

    private static long HalfUp(BigInteger numerator, BigInteger denominator) =>
        (long)(((2 * numerator) + denominator) / (2 * denominator));

    private static DateOnly AddMonths(DateOnly from, int months)
    {
        var index = (from.Year * 12) + from.Month - 1 + months;
        int year = index / 12, month = (index % 12) + 1;
        return new DateOnly(year, month, Math.Min(from.Day, DateTime.DaysInMonth(year, month)));
    }
}
