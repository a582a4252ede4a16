using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's servicing commands as pure functions over a copy of its state, like <see cref="LoanCommands"/>: the
/// money rules are the servicing core's (<see cref="ServicingSetup"/>, <see cref="Repayments"/>,
/// <see cref="Delinquency"/>); this class ties them to the loan's status, version and changes. "Today" is the UTC
/// date of the grain's clock.
/// </summary>
internal static class LoanServicing
{
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>True once disbursed: ACTIVE, DEFAULTED or COMPLETED.</summary>
    public static bool IsServiced(LoanState loan) =>
        loan.Servicing is not null && loan.Status is LoanStatus.Active or LoanStatus.Defaulted or LoanStatus.Completed;

    /// <summary>FUNDED → ACTIVE with the schedule; false (nothing changed) when the same disbursement was already recorded.</summary>
    public static bool Disburse(LoanState loan, DisburseLoan command, DateTimeOffset now, DelinquencyRules rules, List<LoanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.DisbursedOn > Today(now))
        {
            throw DomainException.Invalid("disbursed_on", "Must not be in the future.");
        }

        if (IsServiced(loan))
        {
            return loan.Servicing!.DisbursedOn == command.DisbursedOn
                ? false
                : throw new DomainException(DomainErrorCode.Conflict,
                    $"The loan was already disbursed on {ServicingText.Date(loan.Servicing.DisbursedOn)}.");
        }

        if (loan.Status != LoanStatus.Funded)
        {
            throw new DomainException(DomainErrorCode.Conflict, "Only a FUNDED loan can be disbursed.");
        }

        var lenders = loan.Participants.Where(p => p.Status == ParticipantStatus.Accepted)
            .Select(p => new LenderContribution(p.ParticipantId, p.LenderId, p.ContributionAmount)).ToList();
        loan.Servicing = ServicingSetup.Start(loan.LoanId, loan.Amount, loan.InterestRate, loan.TermMonths, command.DisbursedOn, lenders);
        loan.Status = LoanStatus.Active;
        Touch(loan, command.Actor.UserId, now);
        changes.Add(new LoanDisbursed());
        // Disbursed in the past: installments already late (and reminders passed over or due) are recorded with it, in the same write.
        Notice(loan, Today(now), rules, changes);
        QueueReminder(loan, Today(now), rules);
        return true;
    }

    /// <summary>Applies a repayment (or recognises a replay: no change); COMPLETED when nothing remains.</summary>
    public static RepaymentOutcome Repay(LoanState loan, RecordRepayment command, DateTimeOffset now, DelinquencyRules rules, List<LoanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(command);
        var servicing = RequireServiced(loan);
        var outcome = Repayments.Apply(servicing, command.RepaymentId, command.Amount, command.PaidOn, command.Payoff, Today(now), rules);
        if (outcome.Replayed)
        {
            return outcome;
        }

        var result = outcome.Result! with { Reference = string.IsNullOrWhiteSpace(command.Reference) ? null : command.Reference.Trim() };
        Touch(loan, command.Actor.UserId, now);
        loan.Repayments.Add(result);
        changes.Add(new RepaymentReceived(result));
        if (result.LoanStatus == ServicingStatus.Completed)
        {
            var before = loan.Status;
            loan.Status = LoanStatus.Completed;
            changes.Add(new LoanCompleted(before));
        }

        return outcome with { Result = result };
    }

    /// <summary>
    /// Records lateness and default that have happened since they were last looked at (by the system: a command,
    /// a read or the daily reminder noticed them); false when there is nothing new.
    /// </summary>
    public static bool RecordDelinquency(LoanState loan, DateTimeOffset now, DelinquencyRules rules, List<LoanChange> changes)
    {
        var before = changes.Count;
        Notice(loan, Today(now), rules, changes);
        // A reminder mail changes no field anyone sees: queued without a new version.
        var reminded = QueueReminder(loan, Today(now), rules);
        if (changes.Count == before)
        {
            return reminded;
        }

        Touch(loan, FundingDeadlines.System, now);
        return true;
    }

    /// <summary>
    /// Queues the borrower's reminder mail for the next unpaid installment once it is due within
    /// <see cref="DelinquencyRules.ReminderDaysBefore"/> days; installments already due when first looked at are passed
    /// over (their late notice tells instead). True when the state changed.
    /// </summary>
    private static bool QueueReminder(LoanState loan, DateOnly today, DelinquencyRules rules)
    {
        if (loan.Servicing is not { } s || loan.Status is not (LoanStatus.Active or LoanStatus.Defaulted))
        {
            return false;
        }

        var due = s.Installments
            .Where(i => i.Number > loan.InstallmentsReminded && i.DueDate.DayNumber - today.DayNumber <= rules.ReminderDaysBefore)
            .ToList();
        if (due.Count == 0)
        {
            return false;
        }

        loan.InstallmentsReminded = due[^1].Number;
        if (due.LastOrDefault(i => i.DueDate >= today && i.Remaining > 0) is { } next)
        {
            LoanOutbox.EnqueueServicingMail(loan, ServicingMailMessage.Reminder, next.Number);
        }

        return true;
    }

    /// <summary>True when <see cref="RecordDelinquency"/> would record something today (reads use it to ask for a write).</summary>
    public static bool HasNews(LoanState loan, DateTimeOffset now, DelinquencyRules rules) =>
        RecordDelinquency(loan.Clone(), now, rules, []);

    /// <summary>The schedule, the payoff quote and the repayments are for the borrower and accepted lenders; before disbursement, a Conflict.</summary>
    public static bool CanSeeServicing(LoanState loan, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!LoanAccess.CanSee(loan, viewer.UserId, viewer.Email))
        {
            return false;
        }

        var email = string.IsNullOrWhiteSpace(viewer.Email) ? null : Abstractions.Rules.EmailAddress.Normalize(viewer.Email);
        return viewer.UserId == loan.BorrowerId
            || loan.Participants.Exists(p => p.Status == ParticipantStatus.Accepted && LoanViews.IsParticipantOf(p, viewer.UserId, email));
    }

    public static ServicingState RequireServiced(LoanState loan) =>
        IsServiced(loan) ? loan.Servicing! : throw new DomainException(DomainErrorCode.Conflict, "The loan has not been disbursed.");

    /// <summary>A repayment as <paramref name="viewer"/> may see it: the borrower every line, a lender only its own.</summary>
    public static RepaymentResult ForViewer(LoanState loan, RepaymentResult repayment, Viewer viewer)
    {
        if (viewer.UserId == loan.BorrowerId)
        {
            return repayment;
        }

        var email = string.IsNullOrWhiteSpace(viewer.Email) ? null : Abstractions.Rules.EmailAddress.Normalize(viewer.Email);
        var mine = loan.Participants.Where(p => LoanViews.IsParticipantOf(p, viewer.UserId, email)).Select(p => p.ParticipantId).ToHashSet();
        return repayment with { Distributions = [.. repayment.Distributions.Where(d => mine.Contains(d.ParticipantId))] };
    }

    /// <summary>The repayment figures of the loan view; null before disbursement.</summary>
    public static LoanServicingFigures? Figures(LoanState loan, DateOnly today, DelinquencyRules rules)
    {
        if (loan.Servicing is not { } s)
        {
            return null;
        }

        var report = Delinquency.Evaluate(s, today, rules);
        var next = s.Installments.Find(i => i.Remaining > 0);
        return new LoanServicingFigures(
            s.DisbursedOn, s.Installments.Sum(i => i.UnpaidPrincipal), s.Installments.Sum(i => i.PaidPrincipal),
            s.Installments.Sum(i => i.PaidInterest), next?.DueDate, next?.Remaining, report.DaysPastDue);
    }

    /// <summary>Adds a change for every installment newly late and for a new default; changes nothing else.</summary>
    private static void Notice(LoanState loan, DateOnly today, DelinquencyRules rules, List<LoanChange> changes)
    {
        if (loan.Servicing is not { } s || loan.Status is not (LoanStatus.Active or LoanStatus.Defaulted))
        {
            return;
        }

        var late = new List<(int, InstallmentStatus)>();
        foreach (var installment in s.Installments)
        {
            if (today.DayNumber - installment.DueDate.DayNumber < rules.GracePeriodDays)
            {
                break; // due in order: later ones are not late either
            }

            if (installment.Number > loan.LateInstallmentsRecorded && Delinquency.StatusOf(installment, today, rules) == InstallmentStatus.Late)
            {
                var paidSome = installment.PaidInterest + installment.PaidPrincipal > 0;
                late.Add((installment.Number, paidSome ? InstallmentStatus.PartiallyPaid : InstallmentStatus.Due));
                loan.LateInstallmentsRecorded = installment.Number;
            }
        }

        if (late.Count > 0)
        {
            changes.Add(new InstallmentLate(late));
        }

        if (loan.Status == LoanStatus.Active && Delinquency.Evaluate(s, today, rules) is { Status: ServicingStatus.Defaulted } report)
        {
            loan.Status = LoanStatus.Defaulted;
            changes.Add(new LoanDefaulted(report.DaysPastDue));
        }
    }

    private static void Touch(LoanState loan, Guid by, DateTimeOffset now)
    {
        loan.Version++;
        loan.UpdatedAt = now;
        loan.UpdatedBy = by;
    }
}
