using System.Numerics;
using CsCheck;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Servicing.Properties;

/// <summary>
/// Random loans (amount, rate, term, 1–100 lenders) and repayment sequences applied to the production rules and,
/// side by side, to <see cref="ReferenceLoan"/>; every step is checked against it and against the invariants.
/// A failure is shrunk by CsCheck and printed with its seed.
/// </summary>
public sealed class ServicingPropertyTests
{
    private static readonly DelinquencyRules Rules = DelinquencyRules.Default;

    [Fact]
    public void Start_RandomTerms_ScheduleMatchesReferenceAndPrincipalSumsToAmount() =>
        Gen.Select(ServicingGens.Amount, ServicingGens.Rate, ServicingGens.Term, ServicingGens.Day).Sample((amount, rate, term, day) =>
        {
            var production = AmortizationSchedule.Build(amount / 100m, rate / 10_000m, term, day);
            var reference = ReferenceLoan.Build(amount, rate, term, day);
            Check(production.InstallmentAmount == reference.InstallmentAmount / 100m, $"installment {production.InstallmentAmount}, reference {reference.InstallmentAmount / 100m}");
            Check(production.Installments.Sum(i => i.Principal) == amount / 100m, "principal does not sum to the amount");
            for (var k = 0; k < term; k++)
            {
                var line = production.Installments[k];
                Check(line.Principal >= 0 && line.Interest >= 0, $"line {k + 1} is negative");
                Check((line.DueDate, line.Principal, line.Interest) == (reference.Due[k], reference.Principal[k] / 100m, reference.Interest[k] / 100m),
                    $"line {k + 1}: {line.DueDate} {line.Principal} {line.Interest}, reference {reference.Due[k]} {reference.Principal[k] / 100m} {reference.Interest[k] / 100m}");
            }
        }, iter: 400);

    [Fact]
    public void Apply_RandomRepayments_MatchReferenceAndKeepEveryLenderWithinOneCent() =>
        ServicingGens.Case.Sample(Run, iter: 250, print: c => c.ToString());

    private static void Run(ServicingCase c)
    {
        var ids = c.Contributions.Select((_, i) => new Guid(i * 7919, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).ToArray();
        var state = ServicingSetup.Start(Guid.NewGuid(), c.AmountCents / 100m, c.RateUnits / 10_000m, c.Term, c.Disbursed,
            [.. c.Contributions.Select((cents, i) => new LenderContribution(ids[i], null, cents / 100m))]);
        var model = ReferenceLoan.Build(c.AmountCents, c.RateUnits, c.Term, c.Disbursed);
        var weights = state.Lenders.ConvertAll(l => Cents(l.Contribution));
        var linesSum = new Dictionary<Guid, (long Principal, long Interest)>();
        var applied = new List<(Guid Id, decimal Amount, DateOnly PaidOn, bool Payoff)>();
        var today = c.Disbursed;
        foreach (var step in c.Steps)
        {
            today = today.AddDays(step.Days);
            var paidOn = today.AddDays(-step.Back) < c.Disbursed ? c.Disbursed : today.AddDays(-step.Back);
            if (step.Kind == PayKind.Replay && applied.Count > 0)
            {
                var before = ServicingTestData.Snapshot(state);
                var (id, amount, on, payoff) = applied[step.Per1000 % applied.Count];
                var replay = Repayments.Apply(state, id, amount, on, payoff, today, Rules);
                Check(replay.Replayed && replay.Result is null, "a replay was applied again");
                Check(before == ServicingTestData.Snapshot(state), "a replay changed the state");
                continue;
            }

            var (cents, flagged) = Amount(step, model, paidOn);
            var expected = cents <= 0 ? DomainErrorCode.Validation
                : cents > model.Remaining ? DomainErrorCode.Overpayment
                : flagged && cents != model.PayoffAmount(paidOn) ? DomainErrorCode.PayoffMismatch : (DomainErrorCode?)null;
            // Serialising 480 installments each step is slow: only when the state must come back unchanged.
            var unchanged = expected is null ? null : ServicingTestData.Snapshot(state);
            var repaymentId = Guid.NewGuid();
            RepaymentResult result;
            try
            {
                result = Repayments.Apply(state, repaymentId, cents / 100m, paidOn, flagged, today, Rules).Result!;
            }
            catch (DomainException refused)
            {
                Check(refused.Code == expected, $"{step}: refused {refused.Code}, the reference expects {expected?.ToString() ?? "ok"}");
                Check(unchanged == ServicingTestData.Snapshot(state), $"{step}: a refused repayment changed the state");
                continue;
            }

            Check(expected is null, $"{step}: accepted {cents} cents, the reference expects {expected}");
            applied.Add((repaymentId, cents / 100m, paidOn, flagged));
            var (interest, principal) = model.Pay(cents, paidOn, flagged);
            Check((Cents(result.Interest), Cents(result.Principal)) == (interest, principal),
                $"{step}: split {result.Interest}/{result.Principal}, reference {interest / 100m}/{principal / 100m}");
            CheckLines(result, linesSum);
            CheckInstallments(state, model);
            CheckRunningTotals(state, weights, linesSum, model);
            var completed = model.Remaining == 0;
            Check(completed == (result.LoanStatus == ServicingStatus.Completed), $"{step}: status {result.LoanStatus} with {model.Remaining} cents left");
            Check(Cents(result.OutstandingPrincipal) == c.AmountCents - model.TotalPrincipalPaid, "outstanding principal differs");
        }
    }

    private static (long Cents, bool Payoff) Amount(PayStep step, ReferenceLoan model, DateOnly paidOn)
    {
        var remaining = model.Remaining;
        return step.Kind switch
        {
            PayKind.Share => (Math.Max(1, (long)((BigInteger)remaining * step.Per1000 / 1000)), false),
            PayKind.Installment => (Math.Max(1, model.InstallmentAmount), false),
            PayKind.Cent => (1, false),
            PayKind.Everything => (Math.Max(1, remaining), false),
            PayKind.TooMuch => (remaining + 1 + (step.Per1000 % 3), false),
            PayKind.Payoff => (model.PayoffAmount(paidOn), true),
            PayKind.PayoffOffByACent => (model.PayoffAmount(paidOn) + (step.Per1000 % 2 == 0 ? 1 : -1), true),
            _ => (Math.Max(1, remaining / 2), false), // a replay with nothing applied yet
        };
    }

    /// <summary>Lines: none negative, each amount its principal plus interest, and each column sums exactly.</summary>
    private static void CheckLines(RepaymentResult result, Dictionary<Guid, (long Principal, long Interest)> sums)
    {
        Check(result.Distributions.All(d => d.Principal >= 0 && d.Interest >= 0 && d.Amount == d.Principal + d.Interest), "a negative or inconsistent line");
        Check(result.Distributions.Sum(d => d.Principal) == result.Principal, "principal lines do not sum to the repayment's principal");
        Check(result.Distributions.Sum(d => d.Interest) == result.Interest, "interest lines do not sum to the repayment's interest");
        Check(result.Interest + result.Principal == result.Amount, "interest and principal do not make the amount");
        foreach (var line in result.Distributions)
        {
            var (p, i) = sums.GetValueOrDefault(line.ParticipantId);
            sums[line.ParticipantId] = (p + Cents(line.Principal), i + Cents(line.Interest));
        }
    }

    private static void CheckInstallments(ServicingState state, ReferenceLoan model)
    {
        for (var k = 0; k < model.Due.Length; k++)
        {
            var i = state.Installments[k];
            Check((Cents(i.PaidPrincipal), Cents(i.PaidInterest), Cents(i.ChargedInterest)) == (model.PaidPrincipal[k], model.PaidInterest[k], model.Interest[k] - model.Waived[k]),
                $"installment {k + 1}: paid {i.PaidPrincipal}/{i.PaidInterest} of interest {i.ChargedInterest}, reference differs");
            Check(i.UnpaidPrincipal >= 0 && i.UnpaidInterest >= 0 && i.WaivedInterest >= 0, $"installment {k + 1} went negative");
        }
    }

    /// <summary>|received − cumulative·w/W| &lt; 1 cent, in whole numbers: |received·W − cumulative·w| &lt; W.</summary>
    private static void CheckRunningTotals(ServicingState state, List<long> weights, Dictionary<Guid, (long Principal, long Interest)> sums, ReferenceLoan model)
    {
        var total = weights.Aggregate(BigInteger.Zero, (s, w) => s + w);
        for (var i = 0; i < weights.Count; i++)
        {
            var lender = state.Lenders[i];
            var (principal, interest) = sums[lender.ParticipantId];
            Check((Cents(lender.PrincipalReceived), Cents(lender.InterestReceived)) == (principal, interest), "stored running totals differ from the lines");
            Check(BigInteger.Abs((principal * total) - ((BigInteger)model.TotalPrincipalPaid * weights[i])) < total, $"lender {i}: principal {principal} off by a cent or more");
            Check(BigInteger.Abs((interest * total) - ((BigInteger)model.TotalInterestPaid * weights[i])) < total, $"lender {i}: interest {interest} off by a cent or more");
        }
    }

    private static long Cents(decimal money) => (long)(money * 100);

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
