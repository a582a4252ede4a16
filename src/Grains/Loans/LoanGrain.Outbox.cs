using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Loans;

/// <summary>The loan's outbox delivery: right after each write, then from the retry timer until acknowledged.</summary>
public sealed partial class LoanGrain
{
    /// <summary>Sends the outbox, one call per target grain in parallel; what is not acknowledged is retried with backoff.</summary>
    private async Task DeliverAsync()
    {
        PublishChanges();
        if (_current.Outbox.Count == 0 || _retry is null)
        {
            return;
        }

        var sends = LoanOutbox.Batches([.. _current.Outbox]).Select(b => SendAsync(b.Kind, b.Target, b.Updates)).ToList();
        if (await Delivery.WaitAllAsync(sends, clock))
        {
            _retry.Succeeded();
        }
        else
        {
            _retry.Backoff();
        }
    }

    private async Task<bool> SendAsync(IndexTarget kind, string target, List<PendingIndexUpdate> updates)
    {
        try
        {
            if (!await LoanOutbox.SendAsync(GrainFactory, EmailKeys, kind, target, updates, _current))
            {
                // Taken but not finished (a mail not yet sent): kept, and asked again by the retry.
                return false;
            }
        }
        catch (Exception ex)
        {
            if (DeliveryFailures.PermanentReason(ex) is { } reason)
            {
                // Retrying can never succeed: park instead of waking this loan forever (LoanGrain.Parking.cs).
                Park(kind, updates, reason);
                return true;
            }

            LogDeliveryFailed(logger, this.GetPrimaryKey(), kind, updates.Count, ex);
            return false;
        }

        // Delivered: forget them in memory only; the next command's write persists the removal. Until then a new
        // activation re-sends them, which receivers ignore (no write): cheaper and safer than a write on deactivation.
        var delivered = updates.Select(u => u.Seq).ToImmutableHashSet();
        LoanOutbox.Remove(_current, delivered);
        LoanOutbox.Remove(state.State, delivered);
        LoanParking.Delivered(_current, updates);
        return true;
    }

    // Targets are not logged: a lender target is the email address itself (keyed only when sent).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: {Count} update(s) to a {Kind} index failed; will retry")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid loanId, IndexTarget kind, int count, Exception exception);
}
