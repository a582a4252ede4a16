using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Limits;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Documents;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's write path. Hot commands (accept, decline, add lenders) queue in <see cref="LoanCommitQueue{TItem}"/>
/// and are written in batches (group commit); every other change runs alone through the same queue
/// (<see cref="ExclusiveAsync{T}"/>), so exactly one write of this loan is ever in flight.
/// </summary>
public sealed partial class LoanGrain
{
    private LoanCommitQueue<QueuedCommand> _queue = null!;

    /// <summary>Runs a change that is not batched once no batch is in flight, holding the pipeline until it is done.</summary>
    private Task<T> ExclusiveAsync<T>(Func<Task<T>> work) => _queue.ExclusiveAsync(work);

    private Task ExclusiveAsync(Func<Task> work) => _queue.ExclusiveAsync(work);

    /// <summary>Queues a hot command for the next batch; answers after that batch's write (and delivery), or with its refusal.</summary>
    private async Task<CommandResult<T>> QueueAsync<T>(
        Actor actor, Action<LoanState> authorize, Func<LoanState, DateTimeOffset, List<LoanChange>, T> apply,
        IdempotencyToken? token, Func<T, CommandRecord> receipt, Func<LoanState, CommandRecord, T> replay)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var command = new QueuedCommand<T>(actor, token, AuditContext.Current(), authorize, apply, receipt, replay);
        await _queue.SubmitAsync(command);
        return command.Answer();
    }

    /// <summary>
    /// One batch: expire or record delinquency if due (writes of their own, as before every command), check and apply
    /// the commands in order on copies, write once, deliver once. A failure of the write fails every command of the batch.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<QueuedCommand> commands)
    {
        await ExpireIfDueAsync();
        await RecordDelinquencyCoreAsync();
        var now = clock.GetUtcNow();
        var outcome = await LoanBatchApply.ApplyAsync(_current, commands, now, ProjectAsync);
        // The inviter's quota is taken once for all the invitations of the batch (one counter write, not one per
        // command). A batch that would pass it is checked again taking it per command, so only those over it are refused.
        if (!await TryTakeQuotaAsync(outcome.Next.BorrowerId, outcome.Changes.Count(c => c.SendsInvitation)))
        {
            foreach (var command in commands)
            {
                command.Reset();
            }

            outcome = await LoanBatchApply.ApplyAsync(_current, commands, now, PrepareAsync);
        }

        if (outcome.Write)
        {
            await WriteAsync(outcome.Next, outcome.Changes, [.. commands.Select(c => (c.Changes, c.Request))]);
        }

        await _outbox.DeliverAsync();
    }

    /// <summary>A command without a receipt: expire if due, check access, apply on a copy, commit what changed, deliver.</summary>
    private Task<CommandResult<bool>> CommandAsync(Actor actor, Action<LoanState> authorize, Action<LoanState, DateTimeOffset, List<LoanChange>> apply) =>
        CommandAsync<bool>(actor, authorize, (loan, now, changes) =>
        {
            apply(loan, now, changes);
            return true;
        }, null, _ => new CommandRecord(), (_, _) => true);

    /// <summary>
    /// A command run alone (inside <see cref="ExclusiveAsync{T}"/>): expire if due, check access, replay a known
    /// idempotency key (no write), or apply on a copy and commit with the key recorded.
    /// </summary>
    private async Task<CommandResult<T>> CommandAsync<T>(
        Actor actor, Action<LoanState> authorize, Func<LoanState, DateTimeOffset, List<LoanChange>, T> apply,
        IdempotencyToken? token, Func<T, CommandRecord> receipt, Func<LoanState, CommandRecord, T> replay)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExpireIfDueAsync();
        await RecordDelinquencyCoreAsync();
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

    /// <summary>The write step of one change made alone: prepare it (<see cref="PrepareAsync"/>), then write (<see cref="WriteAsync"/>).</summary>
    private async Task CommitAsync(LoanState next, List<LoanChange> changes)
    {
        var request = AuditContext.Current();
        await PrepareAsync(next, changes, request);
        await WriteAsync(next, changes, [(changes, request)]);
    }

    /// <summary>
    /// Per command, before the write: the invitations it makes are taken from the inviter's daily quota (refused: the
    /// command is refused and nothing of it is written), and its changes' projections (records, outbox) join the state.
    /// </summary>
    private async Task PrepareAsync(LoanState next, List<LoanChange> changes, AuditRequest? request)
    {
        // Taken here, for every invitation a write makes, so no command can skip it (a refused create leaves its
        // deadline reminder, which finds no loan and ends itself).
        await InvitationQuota.TakeAsync(GrainFactory, invitationLimits.Value, clock, next.BorrowerId, changes.Count(c => c.SendsInvitation));
        await ProjectAsync(next, changes, request);
    }

    /// <summary>The changes' projections (records, outbox, a due agreement) join the state, to be stored by the same write.</summary>
    private Task ProjectAsync(LoanState next, List<LoanChange> changes, AuditRequest? request)
    {
        LoanProjections.Apply(next, changes, clock.GetUtcNow(), request);
        if (_documents is not null)
        {
            LoanAgreements.Enqueue(next, changes);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes <paramref name="count"/> invitations from the inviter's quota; false (nothing taken) when that would pass it.</summary>
    private async Task<bool> TryTakeQuotaAsync(Guid inviterId, int count)
    {
        try
        {
            await InvitationQuota.TakeAsync(GrainFactory, invitationLimits.Value, clock, inviterId, count);
            return true;
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.InvitationQuotaExceeded)
        {
            return false;
        }
    }

    /// <summary>
    /// The one write: the outbox reminder is made sure of and overflowing records sealed, then one write
    /// (<see cref="StateWriter{TState}"/>); the copy becomes the committed state only once stored. Then its live event
    /// goes out, and a loan that left PENDING drops its deadline.
    /// </summary>
    private async Task WriteAsync(
        LoanState next, IReadOnlyList<LoanChange> changes, IReadOnlyList<(IReadOnlyList<LoanChange> Changes, AuditRequest? Request)> byRequest)
    {
        await _outbox.EnsureReminderAsync(next);
        await _records.SealOverflowAsync(next);
        var (wasPending, wasCompleted) = (_current.Status == LoanStatus.Pending, _current.Status == LoanStatus.Completed);
        var previousVersion = _current.Version;
        await _writer.CommitAsync(this, next);
        _current = next;
        LoanMetrics.Record(changes);
        foreach (var (own, request) in byRequest)
        {
            LoanEventLog.Write(logger, next, own, request);
        }

        // One live event per write; a record that adds no version (the agreement) goes out as a notice of the version it documents.
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
