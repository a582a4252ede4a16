using System.Globalization;
using CsCheck;

namespace PrivateLending.Grains.Tests.Servicing.Properties;

/// <summary>What a repayment step tries: a share of what remains, one installment, a cent, too much, a payoff, a replay.</summary>
internal enum PayKind
{
    Share,
    Installment,
    Cent,
    Everything,
    TooMuch,
    Payoff,
    PayoffOffByACent,
    Replay,
}

/// <summary>One repayment attempt, <paramref name="Days"/> after the previous one, paid <paramref name="Back"/> days before that day.</summary>
internal sealed record PayStep(PayKind Kind, int Per1000, int Days, int Back)
{
    public override string ToString() => $"{Kind} {Per1000}‰ +{Days}d paid {Back}d back";
}

/// <summary>A loan at disbursement (cents, rate in 0.0001 % units) and the repayments tried on it.</summary>
internal sealed record ServicingCase(long AmountCents, long RateUnits, int Term, DateOnly Disbursed, long[] Contributions, PayStep[] Steps)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"amount={AmountCents / 100m} rate={RateUnits / 10_000m}% term={Term} disbursed={Disbursed:yyyy-MM-dd} ")
        + "contributions=[" + string.Join(", ", Contributions.Select(c => (c / 100m).ToString(CultureInfo.InvariantCulture))) + "]\n  "
        + string.Join("\n  ", Steps.Select((s, i) => $"{i}: {s}"));
}

internal static class ServicingGens
{
    public static readonly Gen<long> Amount = Gen.Frequency(
        (3, Gen.Long[1, 100]), (3, Gen.Long[100, 10_000_00]), (2, Gen.Long[10_000_00, 1_000_000_000]), (1, Gen.OneOf(Gen.Const(1L), Gen.Const(1_000_000_000L))));

    public static readonly Gen<long> Rate = Gen.Frequency(
        (2, Gen.Const(0L)), (2, Gen.OneOf(Gen.Const(60_000L), Gen.Const(70_000L), Gen.Const(1_000_000L), Gen.Const(1L))), (5, Gen.Long[1, 1_000_000]));

    public static readonly Gen<int> Term = Gen.Frequency((4, Gen.Int[1, 24]), (2, Gen.Int[25, 480]), (1, Gen.OneOf(Gen.Const(1), Gen.Const(480))));

    public static readonly Gen<DateOnly> Day = Gen.Select(Gen.Int[2020, 2030], Gen.Int[1, 12], Gen.Int[1, 31],
        (y, m, d) => new DateOnly(y, m, Math.Min(d, DateTime.DaysInMonth(y, m))));

    /// <summary>1 to 100 lenders; tiny next to huge contributions make the rounding hardest.</summary>
    public static readonly Gen<long[]> Contributions = Gen.Frequency(
        (3, Gen.Long[1, 1_000_000_000].Array[1, 5]),
        (2, Gen.Frequency((3, Gen.Long[1, 30]), (1, Gen.Long[1, 1_000_000_000])).Array[1, 100]),
        (1, Gen.Long[1, 100].Array[100]));

    public static readonly Gen<PayStep> Step = Gen.Select(
        Gen.Frequency(
            (6, Gen.Const(PayKind.Share)), (6, Gen.Const(PayKind.Installment)), (3, Gen.Const(PayKind.Cent)), (1, Gen.Const(PayKind.Everything)),
            (2, Gen.Const(PayKind.TooMuch)), (1, Gen.Const(PayKind.Payoff)), (1, Gen.Const(PayKind.PayoffOffByACent)), (2, Gen.Const(PayKind.Replay))),
        Gen.Int[1, 1000], Gen.Frequency((4, Gen.Int[0, 40]), (1, Gen.Int[40, 400])), Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[0, 60])),
        (kind, per1000, days, back) => new PayStep(kind, per1000, days, back));

    public static readonly Gen<ServicingCase> Case = Gen.Select(Amount, Rate, Term, Day, Contributions, Step.Array[1, 30],
        (amount, rate, term, day, contributions, steps) => new ServicingCase(amount, rate, term, day, contributions, steps));
}
