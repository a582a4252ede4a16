using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan after funding: thin grain methods over <see cref="LoanServicing"/>, through the same command path and
/// write step as every other command. Lateness and default are recorded before every command, after a read that
/// notices them (by a call to itself, so the read never writes) and by the daily reminder.
/// </summary>
public sealed partial class LoanGrain
{
    private DateOnly Today => LoanServicing.Today(clock.GetUtcNow());

    public Task<CommandResult<LoanView>> DisburseAsync(DisburseLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(() => DisburseAloneAsync(command));
    }

    public Task<CommandResult<RepaymentResult>> RepayAsync(RecordRepayment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(() => RepayAloneAsync(command));
    }

    private async Task<CommandResult<LoanView>> DisburseAloneAsync(DisburseLoan command)
    {
        var token = command.Idempotency;
        if (LoanServicing.IsServiced(_current)
            && IdempotencyLedger.FindReplay(_current.Idempotency, command.Actor.UserId, token, clock.GetUtcNow()) is null)
        {
            token = null; // already disbursed: the date alone tells a repeat (no write) from another date (409)
        }
        else if (_current.Status == LoanStatus.Funded && _current.BorrowerId == command.Actor.UserId)
        {
            // Before the write that makes the loan ACTIVE, so a stored ACTIVE loan always has it; if the command is
            // refused, its first tick finds the loan not ACTIVE and removes it.
            await _servicingReminder.RegisterAsync();
        }

        var result = await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now, changes) => LoanServicing.Disburse(loan, command, now, _rules, changes),
            token, _ => new CommandRecord(), (_, _) => true);
        return new(LoanViews.ToView(_current, command.Actor.UserId, today: Today), result.Replayed);
    }

    private async Task<CommandResult<RepaymentResult>> RepayAloneAsync(RecordRepayment command)
    {
        RepaymentOutcomeHolder holder = new();
        await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now, changes) => holder.Outcome = LoanServicing.Repay(loan, command, now, _rules, changes));
        var outcome = holder.Outcome!;
        return outcome.Replayed
            ? new(await _records.RepaymentAsync(_current, outcome.Sequence), true)
            : new(outcome.Result!, false);
    }

    public Task<ScheduleView?> GetScheduleAsync(Viewer viewer) =>
        ReadServicingAsync(viewer, (loan, servicing) => Task.FromResult<ScheduleView?>(Servicing.ServicingViews.Schedule(servicing, Today, _rules)));

    public Task<PayoffQuote?> GetPayoffAsync(Viewer viewer, DateOnly day) =>
        ReadServicingAsync(viewer, (_, servicing) => Task.FromResult<PayoffQuote?>(Servicing.Payoff.Quote(servicing, day)));

    public Task<Page<RepaymentResult>?> GetRepaymentsAsync(Viewer viewer, PageRequest page) =>
        ReadServicingAsync(viewer, async (loan, _) =>
        {
            var records = await _records.RepaymentsAsync(loan, page);
            return records with { Items = [.. records.Items.Select(r => LoanServicing.ForViewer(loan, r, viewer))] };
        });

    public Task<RepaymentResult?> GetRepaymentAsync(Viewer viewer, Guid repaymentId) =>
        ReadServicingAsync<RepaymentResult>(viewer, async (loan, servicing) =>
            servicing.Receipts.FindIndex(r => r.RepaymentId == repaymentId) is var index and >= 0
                ? LoanServicing.ForViewer(loan, await _records.RepaymentAsync(loan, index + 1), viewer)
                : null);

    public async Task<ImmutableArray<LenderDistribution>> GetDistributionsAsync(Guid participantId)
    {
        var loan = _current;
        if (!LoanServicing.IsServiced(loan) || !loan.Servicing!.Lenders.Exists(l => l.ParticipantId == participantId))
        {
            return [];
        }

        var lines = ImmutableArray.CreateBuilder<LenderDistribution>(loan.Servicing.Receipts.Count);
        string? after = null;
        do
        {
            var page = await _records.RepaymentsAsync(loan, new PageRequest(PagingLimits.Limit.Maximum, after));
            foreach (var r in page.Items)
            {
                var d = r.Distributions.First(d => d.ParticipantId == participantId);
                lines.Add(new(r.RepaymentId, loan.LoanId, participantId, r.Sequence, r.PaidOn, d.Principal, d.Interest, d.Amount, loan.BorrowerName));
            }

            after = page.NextCursor;
        }
        while (after is not null);

        return lines.ToImmutable();
    }

    /// <summary>The loan as <paramref name="viewer"/> sees it today (null when they may not see it); notices unrecorded lateness.</summary>
    private LoanView? VisibleView(LoanState loan, Viewer viewer)
    {
        if (!LoanAccess.CanSee(loan, viewer.UserId, viewer.Email))
        {
            return null;
        }

        RequestDelinquencyCheck(loan);
        var email = string.IsNullOrWhiteSpace(viewer.Email) ? null : Abstractions.Rules.EmailAddress.Normalize(viewer.Email);
        return LoanViews.ToView(loan, viewer.UserId, email, Today);
    }

    /// <summary>Reads for the borrower and accepted lenders (null for anyone else); a Conflict before disbursement.</summary>
    private async Task<T?> ReadServicingAsync<T>(Viewer viewer, Func<LoanState, Servicing.ServicingState, Task<T?>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var loan = _current;
        if (!LoanServicing.CanSeeServicing(loan, viewer))
        {
            return null;
        }

        var servicing = LoanServicing.RequireServiced(loan);
        RequestDelinquencyCheck(loan);
        return await read(loan, servicing);
    }

    /// <summary>Before every command (and when a read asks): lateness and default that happened since they were last looked at, by their own write.</summary>
    public Task RecordDelinquencyAsync() => ExclusiveAsync(RecordDelinquencyCoreAsync);

    /// <summary>The same, from inside the write pipeline (before every command, and the daily reminder).</summary>
    private async Task RecordDelinquencyCoreAsync()
    {
        var next = _current.Clone();
        var changes = new List<LoanChange>();
        if (LoanServicing.RecordDelinquency(next, clock.GetUtcNow(), _rules, changes))
        {
            await CommitAsync(next, changes);
            await _outbox.DeliverAsync();
        }
    }

    /// <summary>
    /// A read (which interleaves and never writes) that sees unrecorded lateness asks the grain to record it: a call
    /// to itself, queued behind any running command, not awaited.
    /// </summary>
    private void RequestDelinquencyCheck(LoanState loan)
    {
        if (LoanServicing.IsServiced(loan) && LoanServicing.HasNews(loan, clock.GetUtcNow(), _rules))
        {
            this.AsReference<ILoanServicingCheckGrain>().RecordDelinquencyAsync().Ignore();
        }
    }

    /// <summary>The daily reminder: record what happened; once the loan is COMPLETED (or was never disbursed), drop it.</summary>
    private Task OnServicingReminderAsync() =>
        _current.Status is LoanStatus.Active or LoanStatus.Defaulted
            ? RecordDelinquencyCoreAsync()
            : _servicingReminder.EndAsync(_current.LoanId);

    /// <summary>Carries a repayment's outcome out of the command's apply step.</summary>
    private sealed class RepaymentOutcomeHolder
    {
        public Servicing.RepaymentOutcome? Outcome { get; set; }
    }
}
