using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Loans;

/// <summary>Hands a loan's queued invitation mails to the invitation-mail grains, with the loan as it stands now.</summary>
internal static class InvitationMails
{
    /// <summary>
    /// The invitation-mail grain's key for the invitations one command made (they share their invitation time): ids
    /// and ticks only, no address. One grain per command rather than per lender: one read and two writes for up to
    /// 20 mails instead of that per mail.
    /// </summary>
    public static string Key(Guid loanId, DateTimeOffset invitedAt) =>
        $"{loanId:N}/{invitedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// True when every mail of the invitations made at <paramref name="invitationTimes"/> was sent, or is no longer worth sending: an invitation answered,
    /// cancelled or expired before its mail went out invites to nothing.
    /// </summary>
    public static async Task<bool> SendAsync(IGrainFactory grains, IReadOnlyList<DateTimeOffset> invitationTimes, LoanState loan)
    {
        if (loan.Status != LoanStatus.Pending)
        {
            return true;
        }

        var sends = invitationTimes
            .Distinct()
            .Select(at => (At: at, Mails: loan.Participants
                .Where(p => p.Status == ParticipantStatus.Pending && p.InvitedAt == at)
                .Select(p => new InvitationMail(loan.LoanId, p.ParticipantId, p.Email, loan.BorrowerName, p.ContributionAmount,
                    loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose))
                .ToImmutableArray()))
            .Where(c => c.Mails.Length > 0)
            .Select(c => grains.GetGrain<IInvitationMailGrain>(Key(loan.LoanId, c.At)).QueueAsync(c.Mails))
            .ToList();
        var sent = await Task.WhenAll(sends);
        return sent.All(s => s);
    }
}
