using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Loans.Documents;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>
/// Delivers a loan's outbox messages, one method per kind (each <see cref="OutboxMessage"/> picks its own): the
/// receivers are sets keyed by loan or participant id ordered by loan version, so a re-send changes nothing.
/// </summary>
/// <param name="restored">
/// The sequence numbers of the messages this activation read back from storage: perhaps delivered by an earlier
/// activation (delivery forgets messages in memory only; the next write stores that).
/// </param>
internal sealed class LoanOutboxDispatcher(IGrainFactory grains, EmailKeys keys, Func<LoanState> loan, IReadOnlySet<long> restored)
{
    public async Task<bool> SendAsync(IReadOnlyList<BorrowerIndexMessage> batch)
    {
        await grains.GetGrain<IBorrowerGrain>(batch[0].BorrowerId).AddLoansAsync([.. batch.Select(m => new LoanIndexEntry(m.LoanId, m.CreatedAt))]);
        return true;
    }

    public async Task<bool> SendAsync(IReadOnlyList<LenderIndexMessage> batch)
    {
        await grains.GetGrain<IInvitationIndexGrain>(keys.For(batch[0].NormalizedEmail)).UpsertAsync([.. batch.Select(m =>
            new InvitationIndexEntry(m.ParticipantId, m.LoanId, m.Status, m.ContributionAmount, m.InvitedAt, m.Version, m.LoanStatus,
                m.PrincipalRepaid, m.InterestReceived))]);
        return true;
    }

    public async Task<bool> SendAsync(IReadOnlyList<LenderTotalsMessage> batch)
    {
        await grains.GetGrain<IInvitationIndexGrain>(keys.For(batch[0].NormalizedEmail)).RecordRepaymentTotalsAsync([.. batch.Select(m =>
            new LenderRepaymentTotals(m.ParticipantId, m.LoanId, m.RepaymentId, m.Version, m.LoanStatus, m.PrincipalRepaid, m.InterestReceived))]);
        return true;
    }

    /// <summary>Each recipient's owner grain gets the events meant for it (the borrower all, each lender theirs).</summary>
    public async Task<bool> SendAsync(IReadOnlyList<WebhookMessage> batch)
    {
        var byRecipient = batch
            .SelectMany(m => m.Lenders.Prepend(m.BorrowerId).Select(recipient => (Recipient: recipient, Message: m)))
            .GroupBy(x => x.Recipient, x => x.Message);
        await Task.WhenAll(byRecipient.Select(g =>
            grains.GetGrain<IWebhookOwnerGrain>(g.Key).PublishAsync([.. g.Select(WebhookPayloads.ToEvent)])));
        return true;
    }

    public Task<bool> SendAsync(IReadOnlyList<InvitationMailMessage> batch) =>
        InvitationMails.SendAsync(grains, [.. batch.Select(m => m.InvitedAt)], loan());

    public async Task<bool> SendAsync(IReadOnlyList<ServicingMailMessage> batch)
    {
        var sent = await Task.WhenAll(batch.Select(m => ServicingMails.SendAsync(grains, m, loan())));
        return sent.All(s => s);
    }

    /// <summary>
    /// Asks the loan to write the agreement, in a turn of its own (this runs inside the loan's turn, which must not wait
    /// for itself); false keeps the message until that write removes it, and the retry asks again.
    /// </summary>
    public Task<bool> SendAsync(IReadOnlyList<AgreementMessage> batch)
    {
        foreach (var message in batch)
        {
            grains.GetGrain<ILoanAgreementGrain>(message.LoanId).WriteAgreementAsync(message.AgreementVersion).Ignore();
        }

        return Task.FromResult(false);
    }

    /// <summary>Entries read back from storage were probably delivered before this activation: only the missing are written.</summary>
    public async Task<bool> SendAsync(IReadOnlyList<AuditMessage> batch)
    {
        var log = grains.GetGrain<IAuditLogGrain>(0);
        var entries = batch.Select(m => m.Entry!).ToImmutableArray();
        await (batch.Any(m => restored.Contains(m.Seq)) ? log.AppendMissingAsync(entries) : log.AppendAsync(entries));
        return true;
    }
}
