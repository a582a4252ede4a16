using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Loans;

/// <summary>Looks up the accounts of invited emails before the write that invites them (see <see cref="LoanAccounts"/>).</summary>
public sealed partial class LoanGrain
{
    /// <summary>
    /// The accounts of the invited emails this loan has not linked yet, read in parallel. A lookup that fails is
    /// left out: the lender index links that account later (a version bump the history records as a link).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, LinkLender>> KnownAccountsAsync(IEnumerable<LenderInvite> invites)
    {
        var emails = invites
            .Where(i => EmailAddress.IsValid(i.Email))
            .Select(i => EmailAddress.Normalize(i.Email))
            .Where(e => !_current.Participants.Exists(p => p.NormalizedEmail == e && p.LenderId is not null))
            .Distinct()
            .ToList();
        var lookups = emails.Select(async email =>
        {
            try
            {
                var profile = await GrainFactory.GetGrain<IEmailGrain>(EmailKeys.For(email)).GetProfileAsync();
                // Only a verified account owns its address: an unverified one is linked when (if) it verifies.
                return profile is { EmailVerified: true } ? new LinkLender(email, profile.UserId, profile.Name) : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return null;
            }
        });
        var found = await Task.WhenAll(lookups);
        return found.OfType<LinkLender>().ToDictionary(l => l.NormalizedEmail);
    }
}
