using System.Threading.Channels;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Servicing;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Live;

/// <summary>
/// One loan's event stream. Subscribes first and reads the snapshot second, so no change can fall between them;
/// events not newer than what the client has are dropped, and a version gap (a lost or dropped event) is
/// answered with a fresh snapshot from the grain.
/// </summary>
internal sealed class LoanEventStreamer(ILoanGrain loan, Caller caller, LiveFeed feed, LiveSettings settings, long? lastEventId)
{
    public async Task RunAsync(SseWriter writer, CancellationToken cancellationToken)
    {
        var loanId = loan.GetPrimaryKey();
        await using var listener = await feed.ListenAsync([LiveFeed.LoanStream(loanId)], cancellationToken);
        if (await loan.GetAsync(caller.Viewer) is not { } snapshot)
        {
            return;
        }

        await writer.StartAsync(Heartbeats.Retry, cancellationToken);
        var last = snapshot.Version;
        if (lastEventId == snapshot.Version)
        {
            await writer.WriteCommentAsync("up to date", cancellationToken);
        }
        else
        {
            await WriteSnapshotAsync(writer, snapshot, cancellationToken);
        }

        await Heartbeats.PumpAsync(listener.Events, writer, TimeSpan.FromSeconds(settings.HeartbeatSeconds), async item =>
        {
            if (item.Notice)
            {
                // No id: it adds no version, so Last-Event-ID and the version order stay the funding events'.
                await writer.WriteEventAsync("notice", null, Messages.Notice(item, caller), cancellationToken);
                return;
            }

            if (item.Version <= last)
            {
                return;
            }

            if (item.Version == last + 1)
            {
                await writer.WriteEventAsync("funding", item.Version, Messages.Funding(item, caller), cancellationToken);
                last = item.Version;
            }
            else if (await loan.GetAsync(caller.Viewer) is { } fresh && fresh.Version > last)
            {
                await WriteSnapshotAsync(writer, fresh, cancellationToken);
                last = fresh.Version;
            }
        }, cancellationToken);
    }

    private static Task WriteSnapshotAsync(SseWriter writer, LoanView loan, CancellationToken cancellationToken) =>
        writer.WriteEventAsync("snapshot", loan.Version, new LoanSnapshotMessage(loan.LoanId, loan.Version, LoanMapping.ToResponse(loan)), cancellationToken);
}

/// <summary>
/// The caller's dashboard stream: their borrower stream, their email's invitee stream (changes that concern them)
/// and the loan streams of their open invitations (other lenders' funding changes, which loans publish only on the
/// loan stream). It starts with <c>ready</c> (the client re-reads its lists then, which is its snapshot); each
/// event carries the whole loan, so only events not newer than one already sent for that loan are dropped, which
/// also drops the copy of an event that arrives on two streams.
/// </summary>
internal sealed class MyEventStreamer(Caller caller, IInvitationIndexGrain? lender, LiveFeed feed, LiveSettings settings, TimeProvider clock)
{
    public async Task RunAsync(SseWriter writer, CancellationToken cancellationToken)
    {
        // An unverified account does not own its address yet: it gets none of the loans that invite it (lender null).
        await using var listener = await feed.ListenAsync(lender is not null
            ? [LiveFeed.BorrowerStream(caller.UserId), LiveFeed.InviteeStream(caller.EmailKey)]
            : [LiveFeed.BorrowerStream(caller.UserId)], cancellationToken);
        // Read after subscribing the invitee stream: an invitation in between arrives there and is watched below.
        var watched = new HashSet<Guid>();
        if (lender is not null && settings.MaxWatchedLoans > 0)
        {
            var open = await lender.GetOpenLoanIdsAsync(settings.MaxWatchedLoans);
            watched.UnionWith(open);
            await feed.AttachAsync(listener, [.. open.Select(LiveFeed.LoanStream)], cancellationToken);
        }

        await writer.StartAsync(Heartbeats.Retry, cancellationToken);
        await writer.WriteEventAsync("ready", null, new LiveReadyMessage(caller.UserId, clock.GetUtcNow()), cancellationToken);
        var sent = new Dictionary<Guid, long>();
        var noticed = new HashSet<(Guid Loan, long Version, Guid? Document)>();
        await Heartbeats.PumpAsync(listener.Events, writer, TimeSpan.FromSeconds(settings.HeartbeatSeconds), async item =>
        {
            if (item.Notice)
            {
                // A notice shares its version with the event already sent, so it is told apart by what it recorded.
                if (noticed.Add((item.LoanId, item.Version, item.DocumentId)))
                {
                    await writer.WriteEventAsync("notice", null, Messages.Notice(item, caller), cancellationToken);
                }

                return;
            }

            if (ShouldWatch(item, watched))
            {
                watched.Add(item.LoanId);
                await feed.AttachAsync(listener, [LiveFeed.LoanStream(item.LoanId)], cancellationToken);
            }

            if (sent.TryGetValue(item.LoanId, out var version) && item.Version <= version)
            {
                return;
            }

            sent[item.LoanId] = item.Version;
            await writer.WriteEventAsync("funding", null, Messages.Funding(item, caller), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>An open loan that invited the caller (not their own: their borrower stream has all of it), not yet watched, within the bound.</summary>
    private bool ShouldWatch(LoanFundingEvent item, HashSet<Guid> watched) =>
        lender is not null && item.Loan.Status == LoanStatus.Pending && item.Loan.BorrowerId != caller.UserId
        && watched.Count < settings.MaxWatchedLoans && !watched.Contains(item.LoanId);
}

internal static class Heartbeats
{
    /// <summary>How long EventSource waits before reconnecting by itself.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    /// <summary>Hands each event to <paramref name="handle"/>, writing a heartbeat comment after each quiet interval.</summary>
    public static async Task PumpAsync(
        ChannelReader<LoanFundingEvent> events, SseWriter writer, TimeSpan interval, Func<LoanFundingEvent, Task> handle,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (events.TryRead(out var item))
            {
                await handle(item);
                continue;
            }

            bool open;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                quiet.CancelAfter(interval);
                try
                {
                    open = await events.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await writer.WriteCommentAsync("heartbeat", cancellationToken);
                    continue;
                }
            }

            if (!open)
            {
                return;
            }
        }
    }
}

internal static class Messages
{
    /// <summary>The event as the caller may see it: the loan's one event carries full addresses, a lender's copy masks other lenders'.</summary>
    public static LoanFundingMessage Funding(LoanFundingEvent item, Caller caller) => new(
        item.LoanId, item.Version, item.Change, item.ParticipantIds.IsDefault ? [] : [.. item.ParticipantIds], item.At,
        item.Loan.BorrowerId == caller.UserId ? LiveRole.Borrower : LiveRole.Lender,
        LoanMapping.ToResponse(CoLenderPrivacy.ForViewer(item.Loan, caller.UserId, caller.NormalizedEmail)),
        item.Events.IsDefault ? [] : [.. item.Events], Share(item, caller.UserId));

    /// <summary>A record that added no version (the agreement): what it was and which document, without the loan (unchanged).</summary>
    public static LoanNoticeMessage Notice(LoanFundingEvent item, Caller caller) => new(
        item.LoanId, item.Version, item.Events.IsDefault ? [] : [.. item.Events], item.DocumentId, item.At,
        item.Loan.BorrowerId == caller.UserId ? LiveRole.Borrower : LiveRole.Lender);

    /// <summary>The repayment as the listener may see it: the borrower every line, a lender only their own.</summary>
    private static RepaymentResponse? Share(LoanFundingEvent item, Guid userId) => item.Repayment switch
    {
        null => null,
        { } r when item.Loan.BorrowerId == userId => ServicingMapping.ToResponse(r),
        { } r => ServicingMapping.ToResponse(r with { Distributions = [.. r.Distributions.Where(d => d.LenderId == userId)] }),
    };
}
