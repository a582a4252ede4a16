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
/// One loan. Changes run one after another through one write pipeline (<c>LoanGrain.Commit.cs</c>): the hot
/// commands (accept, decline, add lenders) queue behind the write in flight and are written in batches, every other
/// change runs alone. A loan past its deadline is expired first; then the rules are checked against the state the
/// earlier commands left, the command changes a copy and says what it did (<see cref="LoanChange"/>s), and the
/// write step adds the changes' projections and writes once, swaps the copy in, publishes the live event and
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
        _queue = new LoanCommitQueue<QueuedCommand>(WriteBatchAsync);
        _outbox = new LoanOutboxDelivery(this, dispatcher, clock, outboxReminder.Value.Period, logger, () => _current,
            () => CommitAsync(_current.Clone(), []), ExclusiveAsync);
        _deadline = new LoanDeadline(this, clock, deadlines.Value, logger);
        _records = new LoanRecordStore(GrainFactory, this.GetPrimaryKey());
        _servicingReminder = new LoanServicingReminder(this, clock, servicing.Value.CheckPeriod, logger);
        _deadline.Arm(_current, OnDeadlineTimerAsync);
        return Task.CompletedTask;
    }

    public Task<CommandResult<LoanView>> CreateAsync(CreateLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Borrower);
        return ExclusiveAsync(() => CreateAloneAsync(command));
    }

    private async Task<CommandResult<LoanView>> CreateAloneAsync(CreateLoan command)
    {
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
        _deadline.Arm(_current, OnDeadlineTimerAsync);
        await _outbox.DeliverAsync();
        return new(view, false);
    }

    public Task<LoanView> UpdateTermsAsync(UpdateLoanTerms command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(async () =>
        {
            await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
                (loan, now, changes) => LoanCommands.UpdateTerms(loan, command, now, changes));
            return LoanViews.ToView(_current, command.Actor.UserId);
        });
    }

    public Task<LoanView> CancelAsync(CancelLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(async () =>
        {
            await CommandAsync(command.Actor, loan => LoanAccess.RequireBorrower(loan, command.Actor),
                (loan, now, changes) => LoanCommands.Cancel(loan, command, now, changes));
            return LoanViews.ToView(_current, command.Actor.UserId);
        });
    }

    public async Task<CommandResult<LenderAddition>> AddLendersAsync(AddLenders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoanAccess.RequireInviter(_current, command.Actor);
        var accounts = await LoanAccounts.LookUpAsync(GrainFactory, emailKeys, _current, command.Lenders);
        return await QueueAsync(command.Actor, loan => LoanAccess.RequireInviter(loan, command.Actor),
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
        return await QueueAsync(command.Actor, loan => LoanAccess.RequireInviter(loan, command.Actor),
            (loan, now, changes) => LoanBatch.Add(loan, command, accounts, now, changes),
            command.Idempotency, LoanBatchReceipts.Of, LoanBatchReceipts.Replay);
    }

    public Task<CommandResult<ParticipationResponse>> AcceptAsync(RespondToInvitation command) => RespondAsync(command, accept: true);

    public Task<CommandResult<ParticipationResponse>> DeclineAsync(RespondToInvitation command) => RespondAsync(command, accept: false);

    public Task LinkLenderAsync(LinkLender command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(() => LinkAloneAsync(command));
    }

    private async Task LinkAloneAsync(LinkLender command)
    {
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
        return QueueAsync(command.Lender, loan => LoanAccess.RequireRespondent(loan, command.Lender, command.ParticipantId),
            (loan, now, changes) => LoanCommands.Respond(loan, command, accept, now, changes),
            command.Idempotency, LoanReceipts.Of, LoanReceipts.Answer);
    }
}
