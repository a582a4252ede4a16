using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Checks a batch of queued commands in order, each against the state the earlier ones leave, on copies of the
/// committed loan: a command that is refused (or whose preparation fails) leaves nothing, so over-funding is as
/// impossible as with one command at a time. The outcome is the state to write once, or none when nothing changed.
/// </summary>
internal static class LoanBatchApply
{
    /// <summary>The state after the batch, every change of it, and whether it must be written.</summary>
    internal sealed record Outcome(LoanState Next, IReadOnlyList<LoanChange> Changes, bool Write);

    /// <param name="committed">The committed loan; never changed.</param>
    /// <param name="commands">The batch, in arrival order.</param>
    /// <param name="now">The batch's time.</param>
    /// <param name="prepare">
    /// What the write step does per command before the write (the inviter's quota, the changes' projections); its
    /// refusal refuses that command alone.
    /// </param>
    public static async Task<Outcome> ApplyAsync(
        LoanState committed, IReadOnlyList<QueuedCommand> commands, DateTimeOffset now,
        Func<LoanState, List<LoanChange>, AuditRequest?, Task> prepare)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(prepare);
        var next = committed;
        var all = new List<LoanChange>();
        var write = false;
        foreach (var command in commands)
        {
            // One copy per command, as when commands ran one at a time: a refusal drops its copy, changes and all.
            var candidate = next.Clone();
            var changes = new List<LoanChange>();
            try
            {
                command.Run(candidate, now, changes);
                if (command.Replayed)
                {
                    continue;
                }

                await prepare(candidate, changes, command.Request);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                command.Refuse(ex);
                continue;
            }

            next = candidate;
            command.Changes = changes;
            all.AddRange(changes);
            // A receipt is stored even when nothing changed (a batch add whose every lender was refused replays the same answer).
            write |= changes.Count > 0 || command.Token is not null;
        }

        return new(next, all, write);
    }
}
