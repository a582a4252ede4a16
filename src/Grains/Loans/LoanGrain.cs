using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Limits;
using PrivateLending.Grains.Live;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Documents;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Loans.Records;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// One loan. Commands run one at a time: a loan past its deadline is expired first; then the rules are checked
/// against the committed state, the command changes a copy and says what it did (<see cref="LoanChange"/>s), and
/// the write step adds the changes' projections and writes once, swaps the copy in, publishes the live event and
/// delivers the outbox. Reads interleave (<c>[AlwaysInterleave]</c> on <see cref="ILoanGrain"/>) and see the last
/// committed state. Delivery, the deadline, records and live events are the collaborators made in <see cref="OnActivateAsync"/>;
/// servicing (disbursement, repayments) is in <c>LoanGrain.Servicing.cs</c>, its rules in <see cref="LoanServicing"/>;
/// the reads of committed state are in <c>LoanGrain.Reads.cs</c>.
/// </summary>
public sealed partial class LoanGrain(
    [PersistentState("loan", StorageNames.Loans)] IPersistentState<LoanState> state,
    TimeProvider clock,
    IOptions<FundingDeadlineOptions> deadlines,
    IOptions<OutboxReminderOptions> outboxReminder,
    IOptions<ServicingOptions> servicing,
    IOptions<InvitationLimitsOptions> invitationLimits,
    EmailKeys emailKeys,
    IEnumerable<ILoanLivePublisher> livePublishers,
    IEnumerable<IDocumentObjects> documentObjects,
    ILogger<LoanGrain> logger) : Grain, ILoanGrain, ILoanServicingGrain, ILoanServicingCheckGrain, ILoanStatementGrain, ILoanParkingGrain,
    ILoanDocumentGrain,
    ILoanAgreementGrain, IRemindable
{
    // Absent where documents are switched off (no bucket): then no agreement is ever due.
    private readonly IDocumentObjects? _documents = documentObjects.FirstOrDefault();
    private readonly DelinquencyRules _rules = servicing.Value.Rules;
    private readonly StateWriter<LoanState> _writer = new(state);
    private readonly LoanLiveFeed _live = new(livePublishers, clock, logger);
    private LoanState _current = new();
    private LoanOutboxDelivery _outbox = null!;
    private LoanDeadline _deadline = null!;
    private LoanRecordStore _records = null!;
    private LoanServicingReminder _servicingReminder = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Loans stored before typed outbox messages: their entries become messages (stored by the next write).
        LegacyOutbox.Upgrade(state.State);
        _current = state.State;
        var dispatcher = new LoanOutboxDispatcher(GrainFactory, emailKeys, () => _current, _current.Outbox.Select(m => m.Seq).ToHashSet());
        _outbox = new LoanOutboxDelivery(this, dispatcher, clock, outboxReminder.Value.Period, logger, () => _current,
            () => CommitAsync(_current.Clone(), []));
        _deadline = new LoanDeadline(this, clock, deadlines.Value, logger);
        _records = new LoanRecordStore(GrainFactory, this.GetPrimaryKey());
        _servicingReminder = new LoanServicingReminder(this, clock, servicing.Value.CheckPeriod, logger);
        _deadline.Arm(_current, OnDeadlineAsync);
        return Task.CompletedTask;
    }

    public async Task<CommandResult<LoanView>> CreateAsync(CreateLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Borrower);
        if (_current.Exists)
        {
            var first = LoanReceipts.ReplayCreation(_current, command);
            // A retried create may be the first to see the loan since a crash: push any undelivered message.
            await _outbox.DeliverAsync();
            return new(first, true);
        }

        var accounts = await LoanAccounts.LookUpAsync(GrainFactory, emailKeys, _current, command.Lenders);
        var now = clock.GetUtcNow();
        var deadline = FundingDeadlines.Resolve(command.FundingDeadline, now, deadlines.Value);
        var next = _current.Clone();
        var changes = new List<LoanChange>();
        var view = LoanCommands.Create(next, this.GetPrimaryKey(), command with { FundingDeadline = deadline }, now, changes);
        if (accounts.Count > 0)
        {
            // Invitees who already have accounts are linked in this same write; the answer does not say which (enumeration).
            LoanAccounts.Apply(next, accounts);
            view = LoanViews.ToCreated(next);
        }
        next.Creation = LoanReceipts.Creation(command, view, now);
        await _deadline.RegisterAsync(deadline);
        await CommitAsync(next, changes);
        _deadline.Arm(_current, OnDeadlineAsync);
        await _outbox.DeliverAsync();
        return new(view, false);
    }

    public async Task<LoanView> UpdateTermsAsync(UpdateLoanTerms command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now, changes) => LoanCommands.UpdateTerms(loan, command, now, changes));
        return LoanViews.ToView(_current, command.Actor.UserId);
    }

    public async Task<LoanView> CancelAsync(CancelLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now, changes) => LoanCommands.Cancel(loan, command, now, changes));
        return LoanViews.ToView(_current, command.Actor.UserId);
    }

    public async Task<CommandResult<LenderAddition>> AddLendersAsync(AddLenders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoanAccess.RequireInviter(_current, command.Actor);
        var accounts = await LoanAccounts.LookUpAsync(GrainFactory, emailKeys, _current, command.Lenders);
        return await CommandAsync(command.Actor, loan => LoanAccess.RequireInviter(loan, command.Actor),
            (loan, now, changes) =>
            {
                var added = LoanCommands.AddLenders(loan, command, now, changes);
                LoanAccounts.Apply(loan, accounts);
                return added;
            },
            command.Idempotency, LoanReceipts.Of, LoanReceipts.Addition);
    }

    public async Task<CommandResult<LenderBatch>> AddLendersBatchAsync(AddLenders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoanAccess.RequireInviter(_current, command.Actor);
        var accounts = await LoanAccounts.LookUpAsync(GrainFactory, emailKeys, _current, command.Lenders);
        return await CommandAsync(command.Actor, loan => LoanAccess.RequireInviter(loan, command.Actor),
            (loan, now, changes) => LoanBatch.Add(loan, command, accounts, now, changes),
            command.Idempotency, LoanBatchReceipts.Of, LoanBatchReceipts.Replay);
    }

    public Task<CommandResult<ParticipationResponse>> AcceptAsync(RespondToInvitation command) => RespondAsync(command, accept: true);

    public Task<CommandResult<ParticipationResponse>> DeclineAsync(RespondToInvitation command) => RespondAsync(command, accept: false);

    public async Task LinkLenderAsync(LinkLender command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var next = _current.Clone();
        var changes = new List<LoanChange>();
        if (_current.Exists && LoanCommands.Link(next, command, clock.GetUtcNow(), changes))
        {
            await CommitAsync(next, changes);
            await _outbox.DeliverAsync();
        }
    }

    private Task<CommandResult<ParticipationResponse>> RespondAsync(RespondToInvitation command, bool accept)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CommandAsync(command.Lender, loan => LoanAccess.RequireRespondent(loan, command.Lender, command.ParticipantId),
            (loan, now, changes) => LoanCommands.Respond(loan, command, accept, now, changes),
            command.Idempotency, LoanReceipts.Of, LoanReceipts.Answer);
    }

    /// <summary>A command without a receipt: expire if due, check access, apply on a copy, commit what changed, deliver.</summary>
    private Task<CommandResult<bool>> CommandAsync(Actor actor, Action<LoanState> authorize, Action<LoanState, DateTimeOffset, List<LoanChange>> apply) =>
        CommandAsync<bool>(actor, authorize, (loan, now, changes) =>
        {
            apply(loan, now, changes);
            return true;
        }, null, _ => new CommandRecord(), (_, _) => true);

    /// <summary>Expire if due, check access, replay a known idempotency key (no write), or apply on a copy and commit with the key recorded.</summary>
    private async Task<CommandResult<T>> CommandAsync<T>(
        Actor actor, Action<LoanState> authorize, Func<LoanState, DateTimeOffset, List<LoanChange>, T> apply,
        IdempotencyToken? token, Func<T, CommandRecord> receipt, Func<LoanState, CommandRecord, T> replay)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExpireIfDueAsync();
        await RecordDelinquencyAsync();
        authorize(_current);
        var now = clock.GetUtcNow();
        if (IdempotencyLedger.FindReplay(_current.Idempotency, actor.UserId, token, now) is { } stored)
        {
            await _outbox.DeliverAsync();
            return new(replay(_current, stored), true);
        }

        var next = _current.Clone();
        var changes = new List<LoanChange>();
        var result = apply(next, now, changes);
        IdempotencyLedger.Record(next.Idempotency, actor.UserId, token, () => receipt(result), now);
        // A receipt is stored even when nothing changed (a batch whose every lender was refused replays the same answer).
        if (changes.Count > 0 || token is not null)
        {
            await CommitAsync(next, changes);
        }

        await _outbox.DeliverAsync();
        return new(result, false);
    }

    /// <summary>
    /// The write step: the invitations it makes are taken from the inviter's daily quota (refused: nothing is written),
    /// the changes' projections (records, outbox) join the new state, the outbox reminder is made
    /// sure of and overflowing records sealed, then one write (<see cref="StateWriter{TState}"/>); the copy becomes
    /// the committed state only once stored. Then its live event goes out, and a loan that left PENDING drops its deadline.
    /// </summary>
    private async Task CommitAsync(LoanState next, List<LoanChange> changes)
    {
        // The inviter's daily quota is taken here, for every invitation a write makes, so no command can skip it
        // (a refused create leaves its deadline reminder, which finds no loan and ends itself).
        await InvitationQuota.TakeAsync(GrainFactory, invitationLimits.Value, clock, next.BorrowerId, changes.Count(c => c.SendsInvitation));
        var request = AuditContext.Current();
        LoanProjections.Apply(next, changes, clock.GetUtcNow(), request);
        if (_documents is not null)
        {
            LoanAgreements.Enqueue(next, changes);
        }

        await _outbox.EnsureReminderAsync(next);
        await _records.SealOverflowAsync(next);
        var (wasPending, wasCompleted) = (_current.Status == LoanStatus.Pending, _current.Status == LoanStatus.Completed);
        var previousVersion = _current.Version;
        await _writer.CommitAsync(this, next);
        _current = next;
        LoanMetrics.Record(changes);
        LoanEventLog.Write(logger, next, changes, request);
        // One live event per loan version; a record that adds none (the agreement) goes out as a notice of the version it documents.
        _live.Publish(changes, next, notice: next.Version == previousVersion);

        if (wasPending && next.Status != LoanStatus.Pending)
        {
            await _deadline.EndAsync(next.LoanId);
        }

        if (!wasCompleted && next.Status == LoanStatus.Completed)
        {
            await _servicingReminder.EndAsync(next.LoanId);
        }
    }
}
