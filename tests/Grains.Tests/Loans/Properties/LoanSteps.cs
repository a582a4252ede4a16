using System.Collections.Immutable;
using System.Globalization;
using CsCheck;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>Who sends a borrower-only command: the borrower, an invited lender, or someone unrelated to the loan.</summary>
internal enum Who
{
    Borrower,
    Lender,
    Stranger,
}

/// <summary>
/// One invitation in a step: a lender of the pool (0–4), the borrower's own email (5) or a malformed address (6);
/// <paramref name="Shout"/> writes the address in upper case (the same lender after normalisation).
/// </summary>
internal sealed record Inv(int Lender, bool Shout, decimal Amount)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{People.InviteEmail(Lender, Shout)} {Amount}");
}

/// <summary>One random operation on the loan. <see cref="object.ToString"/> is what a shrunk failing case prints.</summary>
internal abstract record LoanStep;

internal sealed record CreateStep(decimal Amount, ImmutableArray<Inv> Lenders) : LoanStep
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"create amount={Amount} lenders=[{string.Join(", ", Lenders)}]");
}

internal sealed record AddStep(ImmutableArray<Inv> Lenders, bool Batch, Who By) : LoanStep
{
    public override string ToString() => $"{(Batch ? "add-batch" : "add")} by {By} [{string.Join(", ", Lenders)}]";
}

/// <summary>Answers participant number <paramref name="Participant"/> (modulo the count); <paramref name="AsLender"/> -1 is the invited lender.</summary>
internal sealed record RespondStep(int Participant, bool Accept, bool WithAch, int AsLender, bool Shout) : LoanStep
{
    public override string ToString() =>
        $"{(Accept ? "accept" : "decline")} participant#{Participant} as {(AsLender < 0 ? "the invitee" : People.Email(AsLender, Shout))}{(Accept && !WithAch ? " without bank details" : "")}";
}

internal sealed record TermsStep(decimal? Amount, decimal? Rate, int? Term, string? Purpose, bool Stale, Who By) : LoanStep
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"terms by {By}{(Stale ? " with a stale version" : "")}: amount={Amount?.ToString() ?? "-"} rate={Rate?.ToString() ?? "-"} term={Term?.ToString() ?? "-"} purpose={Purpose ?? "-"}");
}

internal sealed record CancelStep(string Reason, Who By) : LoanStep
{
    public override string ToString() => $"cancel by {By} reason='{Reason}'";
}

/// <summary>The pool lender registers an account: the lender index links it to the loan.</summary>
internal sealed record LinkStep(int Lender) : LoanStep
{
    public override string ToString() => $"link account of {People.Email(Lender, false)}";
}

/// <summary>Time passes the funding deadline and the deadline timer fires.</summary>
internal sealed record DeadlineStep : LoanStep
{
    public override string ToString() => "funding deadline passes";
}

/// <summary>
/// The borrower records the disbursement on the harness's first day plus <paramref name="Day"/>: -3 and 0 are past
/// whatever the step, 60 is always ahead (a sequence's clock moves at most to its funding deadline, 30 days on).
/// </summary>
internal sealed record DisburseStep(int Day, Who By) : LoanStep
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"disburse on day {Day} by {By}");
}

/// <summary>How much a repayment step pays: 1.00, the payoff quote (flagged payoff), or far more than is owed.</summary>
internal enum RepayKind
{
    Part,
    Payoff,
    Over,
}

internal sealed record RepayStep(RepayKind Kind, Who By) : LoanStep
{
    public override string ToString() => $"repay {Kind} by {By}";
}

/// <summary>The generators: small pools of emails and amounts, so duplicates, over-funding and re-invitations happen often.</summary>
internal static class LoanGens
{
    private static readonly Gen<decimal> Contribution = Gen.Frequency(
        (8, Gen.OneOf(Gen.Const(1m), Gen.Const(10m), Gen.Const(25.5m), Gen.Const(50m), Gen.Const(100m), Gen.Const(250m))),
        (1, Gen.OneOf(Gen.Const(0m), Gen.Const(0.001m))));

    private static readonly Gen<decimal> LoanAmount = Gen.Frequency(
        (12, Gen.OneOf(Gen.Const(100m), Gen.Const(250m), Gen.Const(300m), Gen.Const(500m), Gen.Const(1000m))),
        (1, Gen.Const(0m)));

    private static readonly Gen<Who> By = Gen.Frequency((10, Gen.Const(Who.Borrower)), (1, Gen.Const(Who.Lender)), (1, Gen.Const(Who.Stranger)));

    private static readonly Gen<Inv> Invite = Gen.Select(
        Gen.Frequency((20, Gen.Int[0, 4]), (1, Gen.Const(5)), (1, Gen.Const(6))),
        Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true))),
        Contribution,
        (lender, shout, amount) => new Inv(lender, shout, amount));

    private static readonly Gen<LoanStep> Create =
        Gen.Select(LoanAmount, Invite.Array[0, 3], (amount, lenders) => (LoanStep)new CreateStep(amount, [.. lenders]));

    private static readonly Gen<LoanStep> Add = Gen.Select(
        Gen.Frequency((20, Invite.Array[1, 3]), (1, Gen.Const(Array.Empty<Inv>()))),
        Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))),
        By,
        (lenders, batch, by) => (LoanStep)new AddStep([.. lenders], batch, by));

    private static readonly Gen<LoanStep> Respond = Gen.Select(
        Gen.Int[0, 7],
        Gen.Bool,
        Gen.Frequency((12, Gen.Const(true)), (1, Gen.Const(false))),
        Gen.Frequency((8, Gen.Const(-1)), (1, Gen.Int[0, 4])),
        Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))),
        (participant, accept, ach, asLender, shout) => (LoanStep)new RespondStep(participant, accept, ach, asLender, shout));

    private static readonly Gen<LoanStep> Terms = Gen.Select(
        Gen.OneOf<decimal?>(null, 50m, 100m, 300m, 500m, 1000m, 0m),
        Gen.OneOf<decimal?>(null, 5.25m, 7m),
        Gen.OneOf<int?>(null, 12, 36),
        Gen.OneOf<string?>(null, People.Purpose, "New roof"),
        Gen.Frequency((7, Gen.Const(false)), (1, Gen.Const(true))),
        By,
        (amount, rate, term, purpose, stale, by) => (LoanStep)new TermsStep(amount, rate, term, purpose, stale, by));

    private static readonly Gen<LoanStep> Cancel = Gen.Select(
        Gen.Frequency((6, Gen.Const("changed my mind")), (1, Gen.Const("  "))), By, (reason, by) => (LoanStep)new CancelStep(reason, by));

    private static readonly Gen<LoanStep> Link = Gen.Int[0, 4].Select(lender => (LoanStep)new LinkStep(lender));

    private static readonly Gen<LoanStep> Disburse =
        Gen.Select(Gen.OneOf(Gen.Const(0), Gen.Const(-3), Gen.Const(60)), By, (day, by) => (LoanStep)new DisburseStep(day, by));

    private static readonly Gen<LoanStep> Repay = Gen.Select(
        Gen.Frequency((6, Gen.Const(RepayKind.Part)), (2, Gen.Const(RepayKind.Payoff)), (1, Gen.Const(RepayKind.Over))), By,
        (kind, by) => (LoanStep)new RepayStep(kind, by));

    private static readonly Gen<LoanStep> Step = Gen.Frequency(
        (5, Add), (7, Respond), (3, Terms), (1, Cancel), (1, Link), (1, Gen.Const<LoanStep>(new DeadlineStep())), (2, Disburse), (3, Repay));

    /// <summary>A create first (it may be refused), then up to 30 random steps.</summary>
    public static readonly Gen<LoanStep[]> Sequence =
        Gen.Select(Create, Step.Array[0, 30], (create, steps) => (LoanStep[])[create, .. steps]);

    public static string Print(LoanStep[] steps) =>
        Environment.NewLine + string.Join(Environment.NewLine, steps.Select((s, i) => $"  {i,2}: {s}"));
}
