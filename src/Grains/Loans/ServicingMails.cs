using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Loans;

/// <summary>Hands a loan's queued servicing mails to the mail grains, written from the loan as it stands now.</summary>
internal static class ServicingMails
{
    /// <summary>The mail grain's key: ids and numbers only, no address.</summary>
    public static string Key(Guid loanId, string notice, int installment) =>
        $"{loanId:N}/{notice}/{installment.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// True when the mail was sent, or is no longer worth sending: a reminder for an installment paid meanwhile, or
    /// any notice once the loan is COMPLETED, tells the borrower nothing.
    /// </summary>
    public static async Task<bool> SendAsync(IGrainFactory grains, ServicingMailMessage message, LoanState loan)
    {
        var installment = loan.Servicing?.Installments.Find(i => i.Number == message.InstallmentNumber);
        if (installment is null || loan.Status == LoanStatus.Completed || installment.Remaining == 0)
        {
            return true;
        }

        var amount = message.Notice == ServicingMailMessage.Late
            ? loan.Servicing!.Installments.Where(i => i.Number <= installment.Number).Sum(i => i.Remaining)
            : installment.Remaining;
        var notice = new ServicingNotice(loan.LoanId, message.Notice, loan.BorrowerEmail, installment.Number, installment.DueDate, amount);
        return await grains.GetGrain<IInvitationMailGrain>(Key(loan.LoanId, message.Notice, installment.Number)).QueueNoticeAsync(notice);
    }
}
