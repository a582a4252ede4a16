using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Live;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Live funding events: after each committed change the loan publishes its new state on its own stream, its
/// borrower's stream and the streams of the linked invitees it concerns (<see cref="LiveChanges.Invitees"/>). Publishing is fired, never awaited by a command, and its
/// failures are only logged: a command's answer never waits for, or fails because of, a live consumer.
/// </summary>
public sealed partial class LoanGrain
{
    // The last state published (or found at activation); a newer committed version is what gets published next.
    private LoanState? _published;
    private Task _publishing = Task.CompletedTask;

    /// <summary>Publishes the committed state if its version has not been published yet. Never throws.</summary>
    private void PublishChanges()
    {
        var current = _current;
        if (!current.Exists || (_published is { Exists: true } published && published.Version >= current.Version))
        {
            return;
        }

        var previous = _published;
        _published = current;
        if (ServiceProvider.GetKeyedService<IStreamProvider>(StorageNames.Streams) is not { } provider)
        {
            // A silo without live streams (some test silos): nothing to publish to.
            return;
        }

        try
        {
            var change = LiveChanges.ToEvent(previous, current, clock.GetUtcNow());
            var streams = new List<IAsyncStream<LoanFundingEvent>>
            {
                provider.GetStream<LoanFundingEvent>(StorageNames.LoanStreamNamespace, current.LoanId),
                provider.GetStream<LoanFundingEvent>(StorageNames.BorrowerStreamNamespace, current.BorrowerId),
            };
            streams.AddRange(LiveChanges.Invitees(previous, current)
                .Select(email => provider.GetStream<LoanFundingEvent>(StorageNames.InviteeStreamNamespace, EmailKeys.For(email))));
            // Chained after the previous publication, so one loan's events enter the streams in version order.
            _publishing = PublishAfterAsync(_publishing, change, streams);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, current.LoanId, current.Version, ex);
        }
    }

    private async Task PublishAfterAsync(Task previous, LoanFundingEvent change, List<IAsyncStream<LoanFundingEvent>> streams)
    {
        await previous;
        try
        {
            await Task.WhenAll(streams.Select(s => s.OnNextAsync(change)));
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, change.LoanId, change.Version, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loan {LoanId}: could not publish live event for version {Version}; consumers resynchronise from state")]
    private static partial void LogPublishFailed(ILogger logger, Guid loanId, long version, Exception exception);
}
