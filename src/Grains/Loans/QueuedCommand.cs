using System.Runtime.ExceptionServices;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// A hot command (accept, decline, add lenders) waiting in the loan's <see cref="LoanCommitQueue{TItem}"/>: checked
/// and applied against the state the earlier commands of its batch leave, answered after the batch's write. It keeps
/// the audit request of the call that sent it, since the batch is written in another call's flow.
/// </summary>
internal abstract class QueuedCommand(Actor actor, IdempotencyToken? token, AuditRequest? request)
{
    private ExceptionDispatchInfo? _refusal;

    public Actor Actor { get; } = actor;

    public IdempotencyToken? Token { get; } = token;

    public AuditRequest? Request { get; } = request;

    /// <summary>What the command changed once applied and kept in its batch; empty if refused or replayed.</summary>
    public IReadOnlyList<LoanChange> Changes { get; set; } = [];

    /// <summary>True once the command was answered from a stored receipt (its key was seen before; nothing applied).</summary>
    public bool Replayed { get; protected set; }

    /// <summary>
    /// Checks access, replays a known key, or applies the command to <paramref name="loan"/> and records its receipt.
    /// Throws (a <see cref="DomainException"/> for a refusal) before or while changing <paramref name="loan"/>; the
    /// caller then drops that copy.
    /// </summary>
    public abstract void Run(LoanState loan, DateTimeOffset now, List<LoanChange> changes);

    /// <summary>The command is refused: it is answered with <paramref name="refusal"/> once its batch is written.</summary>
    public void Refuse(Exception refusal) => _refusal = ExceptionDispatchInfo.Capture(refusal);

    /// <summary>Forgets the outcome of an earlier check, so that the batch can be checked again from the committed state.</summary>
    public virtual void Reset()
    {
        _refusal = null;
        Replayed = false;
        Changes = [];
    }

    /// <summary>Throws the refusal, if there was one.</summary>
    protected void ThrowIfRefused() => _refusal?.Throw();
}

/// <inheritdoc />
internal sealed class QueuedCommand<T>(
    Actor actor, IdempotencyToken? token, AuditRequest? request,
    Action<LoanState> authorize, Func<LoanState, DateTimeOffset, List<LoanChange>, T> apply,
    Func<T, CommandRecord> receipt, Func<LoanState, CommandRecord, T> replay) : QueuedCommand(actor, token, request)
{
    private T? _result;

    public override void Run(LoanState loan, DateTimeOffset now, List<LoanChange> changes)
    {
        authorize(loan);
        if (IdempotencyLedger.FindReplay(loan.Idempotency, Actor.UserId, Token, now) is { } stored)
        {
            _result = replay(loan, stored);
            Replayed = true;
            return;
        }

        var result = apply(loan, now, changes);
        IdempotencyLedger.Record(loan.Idempotency, Actor.UserId, Token, () => receipt(result), now);
        _result = result;
    }

    public override void Reset()
    {
        base.Reset();
        _result = default;
    }

    /// <summary>The answer once the batch is written: the result, or the refusal thrown.</summary>
    public CommandResult<T> Answer()
    {
        ThrowIfRefused();
        return new(_result!, Replayed);
    }
}
