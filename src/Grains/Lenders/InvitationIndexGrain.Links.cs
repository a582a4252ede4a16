using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Lenders;

/// <summary>
/// Linking the account to the loans that invited its email, at least once, with state that does not grow with the
/// number of invitations (<see cref="LenderLinks"/>): linking stores one flag, and delivery walks the in-memory index
/// with at most <see cref="LenderLinks.InFlight"/> calls at a time.
/// </summary>
public sealed partial class InvitationIndexGrain
{
    /// <summary>
    /// Loans that acknowledged the current account in this activation. Memory only: a retry after a partial failure
    /// re-sends only the rest, and the stored flag or list is cleared by one write once nothing is left.
    /// </summary>
    private readonly HashSet<Guid> _told = [];
    private RetryTimer? _links;
    private RetryTimer? _recordLinks;
    private Task? _walk;

    public async Task LinkAccountAsync(Guid lenderId, string lenderName, string normalizedEmail)
    {
        if (emailKeys.For(normalizedEmail) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The email is not the one this lender index is keyed by.", nameof(normalizedEmail));
        }

        if (state.State.AccountId != lenderId || state.State.AccountName != lenderName || state.State.Email != normalizedEmail)
        {
            var next = state.State.Clone();
            next.Email = normalizedEmail;
            next.AccountId = lenderId;
            next.AccountName = lenderName;
            // One flag for "every loan in the index", not the list of them: the index may hold any number.
            // With no invitation yet there is nothing to tell, and no completion to write later.
            next.LinkEveryLoan = _index.LoanIds.Any();
            next.PendingLinks = [];
            await _writer.CommitAsync(this, next);
            _told.Clear();
        }

        await DeliverLinksAsync();
    }

    private void StartLinks()
    {
        // Interleaving: linking calls loans, and a loan may be waiting on this grain to accept its upsert.
        _links = new RetryTimer(this, _ => DeliverLinksAsync(), interleave: true);
        // Not interleaving: it writes, and every write of this grain happens in a turn of its own.
        _recordLinks = new RetryTimer(this, _ => RecordLinksAsync(), interleave: false);
        if (LenderLinks.AnyPending(state.State))
        {
            // With the flag set this re-sends to every loan of the index, also those told before the last activation
            // ended: a loan ignores a link it already has, without writing.
            _links.Soon();
        }
    }

    /// <summary>
    /// Starts a walk over the loans still to be told unless one is running, and waits for it at most
    /// <see cref="Delivery.Wait"/> (so a caller is never held long); the walk carries on and re-arms the timer itself.
    /// </summary>
    private async Task DeliverLinksAsync()
    {
        if (!LenderLinks.AnyPending(state.State) || _links is null)
        {
            return;
        }

        if (_walk is not { IsCompleted: false })
        {
            _walk = WalkLinksAsync();
        }

        try
        {
            await _walk.WaitAsync(Delivery.Wait, clock);
        }
        catch (TimeoutException)
        {
            // Still walking: it backs off or records completion when it ends.
        }
    }

    /// <summary>
    /// Tells every untold loan, round after round (upserts may add loans meanwhile), until none is left or a round
    /// had failures; then records completion, or retries the failed ones after a backoff.
    /// </summary>
    private async Task WalkLinksAsync()
    {
        var failed = 0;
        while (failed == 0 && Command() is { } command && LenderLinks.Untold(state.State, _index.LoanIds, _told) is { Count: > 0 } untold)
        {
            failed = await SendLinksAsync(untold, command);
        }

        if (failed == 0)
        {
            _links?.Succeeded();
            _recordLinks?.Soon();
        }
        else
        {
            _links?.Backoff();
        }
    }

    /// <summary>Sends <paramref name="command"/> to every loan with at most <see cref="LenderLinks.InFlight"/> in flight; returns how many failed.</summary>
    private async Task<int> SendLinksAsync(List<Guid> loanIds, LinkLender command)
    {
        // The workers' continuations run one at a time on this activation, so they share these without locks.
        var next = 0;
        var failed = 0;
        Exception? first = null;
        async Task WorkAsync()
        {
            while (next < loanIds.Count)
            {
                var loanId = loanIds[next++];
                try
                {
                    await GrainFactory.GetGrain<ILoanGrain>(loanId).LinkLenderAsync(command);
                    if (command == Command())
                    {
                        _told.Add(loanId);
                    }
                }
                catch (Exception ex)
                {
                    failed++;
                    first ??= ex;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(LenderLinks.InFlight, loanIds.Count)).Select(_ => WorkAsync()));
        if (first is not null)
        {
            LogLinksFailed(logger, failed, loanIds.Count, first);
        }

        return failed;
    }

    /// <summary>Writes that the told loans are done with (one write), so a new activation does not re-send to them.</summary>
    private async Task RecordLinksAsync()
    {
        if (!LenderLinks.AnyPending(state.State) || LenderLinks.WithoutTold(state.State, _index.LoanIds, _told) is not { } next)
        {
            return;
        }

        try
        {
            await _writer.CommitAsync(this, next);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The activation is dropped; the next one re-sends, and loans ignore links they already have.
            LogLinksNotRecorded(logger, ex);
        }
    }

    /// <summary>The link for the current account, or null before one is linked.</summary>
    private LinkLender? Command() =>
        state.State is { AccountId: { } id, AccountName: var name } ? new LinkLender(state.State.Email, id, name ?? "") : null;

    // The grain key is an email address, so it stays out of the logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking a lender account failed for {Failed} of {Count} loans; will retry them")]
    private static partial void LogLinksFailed(ILogger logger, int failed, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording delivered lender account links failed; they will be re-sent")]
    private static partial void LogLinksNotRecorded(ILogger logger, Exception exception);
}
