using PrivateLending.Grains.Abstractions.Live;

namespace PrivateLending.Grains.Live;

/// <summary>
/// Where a loan's live events go. A silo with live streams registers one (<see cref="LiveStreamsSiloExtensions"/>);
/// a silo without (some test silos) registers none, and nothing is published.
/// </summary>
public interface ILoanLivePublisher
{
    /// <summary>Publishes on the loan's and borrower's streams and on the invitee streams of <paramref name="inviteeEmails"/> (normalised).</summary>
    Task PublishAsync(LoanFundingEvent change, IReadOnlyCollection<string> inviteeEmails);
}
