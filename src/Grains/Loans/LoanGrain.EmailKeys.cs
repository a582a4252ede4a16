using Microsoft.Extensions.DependencyInjection;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Loans;

/// <summary>The keys of the lender, email and invitee-stream identities of the emails this loan invites.</summary>
public sealed partial class LoanGrain
{
    private EmailKeys? _emailKeys;

    // Resolved on first use rather than taken by the constructor, which the other parts of this grain share.
    private EmailKeys EmailKeys => _emailKeys ??= ServiceProvider.GetRequiredService<EmailKeys>();
}
