using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Live;

/// <summary>Publishes on the silo's memory streams: the loan's stream, its borrower's, and each concerned invitee's (keyed, never by address).</summary>
internal sealed class StreamLivePublisher([FromKeyedServices(StorageNames.Streams)] IStreamProvider streams, EmailKeys keys) : ILoanLivePublisher
{
    public Task PublishAsync(LoanFundingEvent change, IReadOnlyCollection<string> inviteeEmails)
    {
        var targets = new List<IAsyncStream<LoanFundingEvent>>(2 + inviteeEmails.Count)
        {
            streams.GetStream<LoanFundingEvent>(StorageNames.LoanStreamNamespace, change.LoanId),
            streams.GetStream<LoanFundingEvent>(StorageNames.BorrowerStreamNamespace, change.Loan.BorrowerId),
        };
        targets.AddRange(inviteeEmails.Select(email => streams.GetStream<LoanFundingEvent>(StorageNames.InviteeStreamNamespace, keys.For(email))));
        return Task.WhenAll(targets.Select(s => s.OnNextAsync(change)));
    }
}
