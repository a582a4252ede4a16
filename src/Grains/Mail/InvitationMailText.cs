using System.Globalization;

namespace PrivateLending.Grains.Mail;

/// <summary>Writes the invitation mail for an invited lender.</summary>
internal static class InvitationMailText
{
    /// <summary>
    /// One Message-ID per participation, derived from its id: even a mail sent twice (a crash right after the server
    /// accepted it) carries the same Message-ID, which mail clients show once.
    /// </summary>
    public static string MessageId(InvitationMail invitation) =>
        $"invitation.{invitation.LoanId:N}.{invitation.ParticipantId:N}@privatelending";

    public static OutgoingMail Create(InvitationMail invitation, Uri publicBaseUrl)
    {
        var culture = CultureInfo.InvariantCulture;
        return new OutgoingMail
        {
            MessageId = MessageId(invitation),
            To = invitation.To,
            Subject = $"{invitation.BorrowerName} invites you to fund a loan",
            Text = $"""
                Hello,

                {invitation.BorrowerName} invites you to lend ${invitation.ContributionAmount.ToString("N2", culture)} towards a loan of ${invitation.LoanAmount.ToString("N2", culture)} at {invitation.InterestRate.ToString("0.####", culture)}% a year over {invitation.TermMonths.ToString(culture)} months.

                Purpose: {invitation.Purpose}

                See the loan and accept or decline the invitation on your dashboard:

                {new Uri(publicBaseUrl, "app/")}

                Sign in or register there with this email address. Invitations are shown once the address is verified.
                If you do not know {invitation.BorrowerName}, ignore this mail.
                """,
        };
    }
}
