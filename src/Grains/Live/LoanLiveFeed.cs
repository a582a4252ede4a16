using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Live;

/// <summary>
/// One loan activation's live events: after each committed version, its changes are published (<see cref="LiveChanges"/>),
/// fired and never awaited by the command; failures are only logged, since consumers resynchronise from state.
/// Publications are chained, so one loan's events enter the streams in version order.
/// </summary>
internal sealed partial class LoanLiveFeed(IEnumerable<ILoanLivePublisher> publishers, TimeProvider clock, ILogger logger)
{
    private readonly ILoanLivePublisher[] _publishers = [.. publishers];
    private Task _publishing = Task.CompletedTask;

    /// <summary>
    /// Publishes the version <paramref name="current"/> committed with <paramref name="changes"/>, or with
    /// <paramref name="notice"/> a record that added no version (the agreement) as a notice of that version. Never throws.
    /// </summary>
    public void Publish(IReadOnlyList<LoanChange> changes, LoanState current, bool notice = false)
    {
        if (_publishers.Length == 0 || changes.Count == 0)
        {
            return;
        }

        try
        {
            var change = LiveChanges.ToEvent(changes, current, clock.GetUtcNow(), notice);
            var invitees = LiveChanges.Invitees(changes, current).ToList();
            _publishing = PublishAfterAsync(_publishing, change, invitees);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, current.LoanId, current.Version, ex);
        }
    }

    private async Task PublishAfterAsync(Task previous, Abstractions.Live.LoanFundingEvent change, List<string> invitees)
    {
        await previous;
        try
        {
            await Task.WhenAll(_publishers.Select(p => p.PublishAsync(change, invitees)));
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, change.LoanId, change.Version, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: could not publish live event for version {Version}; consumers resynchronise from state")]
    private static partial void LogPublishFailed(ILogger logger, Guid loanId, long version, Exception exception);
}
