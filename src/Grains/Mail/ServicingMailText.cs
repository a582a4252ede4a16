using System.Globalization;

namespace PrivateLending.Grains.Mail;

/// <summary>Writes the borrower's servicing mails: a payment reminder before a due date, a notice once an installment is late.</summary>
internal static class ServicingMailText
{
    /// <summary>
    /// One Message-ID per loan, notice and installment: a mail sent twice (a crash right after the server accepted
    /// it) carries the same Message-ID, which mail clients show once.
    /// </summary>
    public static string MessageId(Guid loanId, string notice, int installment) =>
        $"{notice}.{loanId:N}.{installment.ToString(CultureInfo.InvariantCulture)}@privatelending";

    public static OutgoingMail Create(ServicingNotice notice, Uri publicBaseUrl)
    {
        var number = notice.Installment.ToString(CultureInfo.InvariantCulture);
        var (date, amount) = (notice.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), notice.Amount.ToString("N2", CultureInfo.InvariantCulture));
        var late = notice.Notice == "late";
        var (subject, news, ask) = late
            ? ($"Installment {number} of your loan is late",
                $"Installment {number} of your loan was due on {date} and is still unpaid: ${amount} is overdue in all.",
                "Please pay as soon as you can and record the repayment on your dashboard:")
            : ($"Payment reminder: installment {number} is due on {date}",
                $"Installment {number} of your loan, ${amount}, is due on {date}.",
                "Once you have paid, record the repayment on your dashboard so your lenders see their share:");
        return new OutgoingMail
        {
            MessageId = MessageId(notice.LoanId, notice.Notice, notice.Installment),
            To = notice.To,
            Subject = subject,
            Text = $"""
                Hello,

                {news}

                {ask}

                {new Uri(publicBaseUrl, "app/")}
                """,
        };
    }
}
