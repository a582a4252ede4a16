using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans.Records;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// One loan. Commands run one at a time: rules are checked against the committed state, the change is made on a
/// copy, written once (with its idempotency record and outbox), swapped in, and then the outbox is delivered.
/// Reads interleave (marked <c>[AlwaysInterleave]</c> on <see cref="ILoanGrain"/>) and always see the last committed state.
/// </summary>
public sealed partial class LoanGrain(
    [PersistentState("loan", StorageNames.Loans)] IPersistentState<LoanState> state,
    TimeProvider clock,
    IOptions<FundingDeadlineOptions> deadlines,
    ILogger<LoanGrain> logger) : Grain, ILoanGrain
{
    private readonly StateWriter<LoanState> _writer = new(state);
    private LoanState _current = new();
    private RetryTimer? _retry;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _current = state.State;
        _published = _current;
        _retry = new RetryTimer(this, _ => RetryDeliveryAsync(), interleave: false);
        if (_current.Outbox.Count > 0)
        {
            // Updates written but never acknowledged (crash, deactivation, failure): send them after this turn.
            _retry.Soon();
        }

        ArmDeadlineTimer();
        return Task.CompletedTask;
    }

    public async Task<CommandResult<LoanView>> CreateAsync(CreateLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Borrower);
        if (_current.Exists)
        {
            return await ReplayCreationAsync(command);
        }

        var accounts = await KnownAccountsAsync(command.Lenders.IsDefault ? [] : command.Lenders);
        var now = clock.GetUtcNow();
        var deadline = FundingDeadlines.Resolve(command.FundingDeadline, now, deadlines.Value);
        var next = _current.Clone();
        var view = LoanCommands.Create(next, this.GetPrimaryKey(), command with { FundingDeadline = deadline }, now);
        if (accounts.Count > 0)
        {
            LoanAccounts.Apply(next, accounts);
            view = LoanViews.ToView(next, next.BorrowerId);
        }
        if (command.Idempotency is { } token)
        {
            next.Creation = new CreationRecord
            {
                ActorId = command.Borrower.UserId,
                Key = token.Key,
                RequestHash = token.RequestHash,
                ResultJson = ResultCodec.Encode(view),
                RecordedAt = now,
                ExpiresAt = DateTimeOffset.MaxValue,
            };
        }

        await RegisterDeadlineAsync(deadline);
        await CommitAsync(next);
        ArmDeadlineTimer();
        await DeliverAsync();
        return new(view, false);
    }

    public Task<LoanView?> GetAsync(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var loan = _current;
        return Task.FromResult(LoanAccess.CanSee(loan, viewer.UserId, viewer.Email)
            ? LoanViews.ToView(loan, viewer.UserId, string.IsNullOrWhiteSpace(viewer.Email) ? null : EmailAddress.Normalize(viewer.Email))
            : null);
    }

    public async Task<LoanView> UpdateTermsAsync(UpdateLoanTerms command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await ExpireIfDueAsync();
        LoanAccess.RequireBorrower(_current, command.Actor);
        var next = _current.Clone();
        if (LoanCommands.UpdateTerms(next, command, clock.GetUtcNow()))
        {
            await CommitAsync(next);
        }

        await DeliverAsync();
        return LoanViews.ToView(_current, command.Actor.UserId);
    }

    public async Task<LoanView> CancelAsync(CancelLoan command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await ExpireIfDueAsync();
        LoanAccess.RequireBorrower(_current, command.Actor);
        var next = _current.Clone();
        LoanCommands.Cancel(next, command, clock.GetUtcNow());
        await CommitAsync(next);
        await DeliverAsync();
        return LoanViews.ToView(_current, command.Actor.UserId);
    }

    public async Task<CommandResult<LenderAddition>> AddLendersAsync(AddLenders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoanAccess.RequireBorrower(_current, command.Actor);
        var accounts = await KnownAccountsAsync(command.Lenders.IsDefault ? [] : command.Lenders);
        return await RunAsync(
            command.Actor, command.Idempotency,
            loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now) =>
            {
                var added = LoanCommands.AddLenders(loan, command, now);
                LoanAccounts.Apply(loan, accounts);
                return LoanAccounts.Refresh(loan, added);
            },
            LoanReceipts.Of, LoanReceipts.Addition);
    }

    public Task<CommandResult<ParticipationResponse>> AcceptAsync(RespondToInvitation command) => RespondAsync(command, accept: true);

    public Task<CommandResult<ParticipationResponse>> DeclineAsync(RespondToInvitation command) => RespondAsync(command, accept: false);

    public Task<InvitationView?> GetInvitationAsync(Guid participantId)
    {
        var loan = _current;
        var participant = loan.Exists ? loan.Participants.Find(p => p.ParticipantId == participantId) : null;
        return Task.FromResult(participant is null ? null : LoanViews.ToInvitation(loan, participant));
    }

    public async Task LinkLenderAsync(LinkLender command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_current.Exists)
        {
            return;
        }

        var next = _current.Clone();
        if (LoanCommands.Link(next, command, clock.GetUtcNow()))
        {
            await CommitAsync(next);
            PublishChanges();
        }
    }

    private Task<CommandResult<ParticipationResponse>> RespondAsync(RespondToInvitation command, bool accept)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(
            command.Lender, command.Idempotency,
            loan => LoanAccess.RequireRespondent(loan, command.Lender, command.ParticipantId),
            (loan, now) =>
            {
                var seen = loan.Version;
                var answer = LoanCommands.Respond(loan, command, accept, now);
                // The accepted version is part of the first answer too, not only of later reads and replays.
                return accept ? LoanRecords.Accepted(loan, command.ParticipantId, seen) : answer;
            },
            LoanReceipts.Of, LoanReceipts.Answer);
    }

    /// <summary>Access check, idempotent replay (no write), then apply on a copy and commit with the key recorded.</summary>
    private async Task<CommandResult<T>> RunAsync<T>(
        Actor actor,
        IdempotencyToken? token,
        Action<LoanState> authorize,
        Func<LoanState, DateTimeOffset, T> apply,
        Func<T, CommandRecord> receipt,
        Func<LoanState, CommandRecord, T> replay)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExpireIfDueAsync();
        var current = _current;
        authorize(current);
        var now = clock.GetUtcNow();
        if (IdempotencyLedger.FindReplay(current.Idempotency, actor.UserId, token, now) is { } stored)
        {
            await DeliverAsync();
            return new(replay(current, stored), true);
        }

        var next = current.Clone();
        var result = apply(next, now);
        IdempotencyLedger.Record(next.Idempotency, actor.UserId, token, () => receipt(result), now);
        await CommitAsync(next);
        await DeliverAsync();
        return new(result, false);
    }

    private async Task<CommandResult<LoanView>> ReplayCreationAsync(CreateLoan command)
    {
        if (_current.Creation is { } created && command.Idempotency is { } token
            && created.ActorId == command.Borrower.UserId && created.Key == token.Key)
        {
            if (created.RequestHash != token.RequestHash)
            {
                throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
            }

            // A retried create may be the first to see the loan since a crash: push any undelivered index update.
            await DeliverAsync();
            return new(ResultCodec.Decode<LoanView>(created.ResultJson), true);
        }

        throw new DomainException(DomainErrorCode.Conflict, "This loan already exists.");
    }

    /// <summary>One write (<see cref="StateWriter{TState}"/>); the copy becomes the committed state only once stored.</summary>
    private async Task CommitAsync(LoanState next)
    {
        EnqueueWebhooks(next);
        CaptureAudit(next);
        await EnsureOutboxReminderAsync(next);
        var before = _current.Status;
        await RecordAsync(next);
        await _writer.CommitAsync(this, next);
        _current = next;
        await OnCommittedAsync(before);
    }
}
