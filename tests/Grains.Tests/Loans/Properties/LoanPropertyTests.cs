using CsCheck;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>
/// Random sequences of create, add (single and batch), accept, decline, terms change, cancel, account link,
/// deadline, disbursement and repayments applied to the production rules (<see cref="LoanHarness"/>), checked after every step against an
/// independent reference model (<see cref="LoanModel"/>) and the invariants. A failure is shrunk by CsCheck and
/// printed as the numbered list of steps, with the step that broke and why; re-run it with the printed seed.
/// </summary>
public sealed class LoanPropertyTests
{
    private static readonly HashSet<(LoanStatus, LoanStatus)> Transitions =
    [
        (LoanStatus.Pending, LoanStatus.Funded), (LoanStatus.Pending, LoanStatus.Cancelled), (LoanStatus.Pending, LoanStatus.Expired),
        (LoanStatus.Funded, LoanStatus.Active), (LoanStatus.Active, LoanStatus.Completed),
    ];

    [Fact]
    public void RandomCommands_EveryStep_MatchesReferenceModelAndKeepsInvariants() =>
        LoanGens.Sequence.Sample(RunAll, iter: 1_500, print: LoanGens.Print);

    private static void RunAll(LoanStep[] steps)
    {
        var harness = new LoanHarness();
        var model = new LoanModel();
        for (var i = 0; i < steps.Length; i++)
        {
            try
            {
                var statusBefore = harness.Current.Status;
                var existedBefore = harness.Current.Exists;
                var settledBefore = existedBefore && statusBefore != LoanStatus.Pending ? Settled(harness.Current) : null;
                var respondent = steps[i] is RespondStep respond ? harness.Respondent(respond) : People.Stranger;
                var outcome = harness.Run(steps[i]);
                var expected = Expect(model, steps[i], respondent, out var items);
                Check(expected == outcome.Code, $"answered {Show(outcome.Code)}, the model expects {Show(expected)}");
                Check(items.SequenceEqual(outcome.Items), $"batch results [{string.Join(", ", outcome.Items.Select(Show))}], the model expects [{string.Join(", ", items.Select(Show))}]");
                Check(!existedBefore || statusBefore == harness.Current.Status || Transitions.Contains((statusBefore, harness.Current.Status)),
                    $"status went {statusBefore} -> {harness.Current.Status}");
                Check(settledBefore is null || settledBefore == Settled(harness.Current),
                    $"a {statusBefore} loan changed: {settledBefore} -> {Settled(harness.Current)}");
                LoanInvariants.Verify(harness, model);
            }
            catch (Exception failure) when (failure is not StepFailedException)
            {
                throw new StepFailedException($"step {i} ({steps[i]}): {failure.Message}", failure);
            }
        }
    }

    private static DomainErrorCode? Expect(LoanModel model, LoanStep step, Actor respondent, out List<DomainErrorCode?> items)
    {
        items = [];
        switch (step)
        {
            case CreateStep create:
                return model.Create(create);
            case AddStep add:
                return model.Add(add, out items);
            case RespondStep respond:
                return model.Respond(respond, respondent);
            case TermsStep terms:
                return model.Terms(terms);
            case CancelStep cancel:
                return model.Cancel(cancel);
            case LinkStep link:
                model.Link(link);
                return null;
            case DisburseStep disburse:
                return model.Disburse(disburse);
            case RepayStep repay:
                return model.Repay(repay);
            default:
                model.Deadline();
                return null;
        }
    }

    /// <summary>
    /// What may never change once a loan left PENDING (an account link, disbursement and repayments may still bump its
    /// version; its status moves only along <see cref="Transitions"/>).
    /// </summary>
    private static string Settled(Grains.Loans.LoanState loan) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{loan.Amount} {loan.InterestRate} {loan.TermMonths} {loan.Purpose} ")
        + string.Join(",", loan.Participants.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.NormalizedEmail}:{p.ContributionAmount}:{p.Status}")));

    private static string Show(DomainErrorCode? code) => code?.ToString() ?? "ok";

    internal static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);
}
