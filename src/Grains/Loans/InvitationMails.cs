using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Loans;

/// <summary>Hands a loan's queued invitation mails to the invitation-mail grains, with the loan as it stands now.</summary>
internal static class InvitationMails
{
    /// <summary>The invitation-mail grain's key for a participation: ids only, no address.</summary>
    public static string Key(Guid loanId, Guid participantId) => $"{loanId:N}/{participantId:N}";

    /// <summary>
    /// True when every mail the updates stand for was sent, or is no longer worth sending: an invitation answered,
    /// cancelled or expired before its mail went out invites to nothing.
    /// </summary>
    public static async Task<bool> SendAsync(IGrainFactory grains, List<PendingIndexUpdate> updates, LoanState loan)
    {
        if (loan.Status != LoanStatus.Pending)
        {
            return true;
        }

        var sends = loan.Participants
            .Where(p => p.Status == ParticipantStatus.Pending && updates.Exists(u => u.At == p.InvitedAt))
            .Select(p => grains.GetGrain<IInvitationMailGrain>(Key(loan.LoanId, p.ParticipantId)).QueueAsync(
                new InvitationMail(loan.LoanId, p.ParticipantId, p.Email, loan.BorrowerName, p.ContributionAmount,
                    loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose)))
            .ToList();
        var sent = await Task.WhenAll(sends);
        return sent.All(s => s);
    }
}
