using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Accounts that already exist when a lender is invited are part of the invitation's own write: the participant
/// gets its lender id before the version is given to the client, so the later link from the lender index finds
/// nothing to change and the version the client holds stays current.
/// </summary>
internal static class LoanAccounts
{
    /// <summary>
    /// The accounts of the invited emails <paramref name="loan"/> has not linked yet, read in parallel. A lookup that
    /// fails is left out: the lender index links that account later (a version bump the history records as a link).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, LinkLender>> LookUpAsync(
        IGrainFactory grains, EmailKeys keys, LoanState loan, ImmutableArray<LenderInvite> invites)
    {
        var emails = (invites.IsDefault ? [] : invites)
            .Where(i => EmailAddress.IsValid(i.Email))
            .Select(i => EmailAddress.Normalize(i.Email))
            .Where(e => !loan.Participants.Exists(p => p.NormalizedEmail == e && p.LenderId is not null))
            .Distinct()
            .ToList();
        var lookups = emails.Select(async email =>
        {
            try
            {
                var profile = await grains.GetGrain<IAccountGrain>(keys.For(email)).GetProfileAsync();
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

    /// <summary>Gives not-yet-linked participants of the known emails their account; no version change (same write).</summary>
    public static void Apply(LoanState loan, IReadOnlyDictionary<string, LinkLender> known)
    {
        foreach (var p in loan.Participants.Where(p => p.LenderId is null))
        {
            if (known.TryGetValue(p.NormalizedEmail, out var account))
            {
                p.LenderId = account.LenderId;
                p.LenderName = account.LenderName;
            }
        }
    }

}
