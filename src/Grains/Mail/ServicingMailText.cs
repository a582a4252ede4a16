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

    public static OutgoingMail Create(ServicingNotice notice, Uri publicBaseUrl) => notice.Notice == "late"
        ? LateNotice(notice.LoanId, notice.To, notice.Installment, notice.DueDate, notice.Amount, publicBaseUrl)
        : Reminder(notice.LoanId, notice.To, notice.Installment, notice.DueDate, notice.Amount, publicBaseUrl);

    private static OutgoingMail Reminder(Guid loanId, string to, int installment, DateOnly dueDate, decimal amount, Uri publicBaseUrl) => new()
    {
        MessageId = MessageId(loanId, "reminder", installment),
        To = to,
        Subject = $"Payment reminder: installment {installment.ToString(CultureInfo.InvariantCulture)} is due on {Date(dueDate)}",
        Text = $"""
            Hello,

            Installment {installment.ToString(CultureInfo.InvariantCulture)} of your loan, ${Money(amount)}, is due on {Date(dueDate)}.

            Once you have paid, record the repayment on your dashboard so your lenders see their share:

            {new Uri(publicBaseUrl, "app/")}
            """,
    };

    private static OutgoingMail LateNotice(Guid loanId, string to, int installment, DateOnly dueDate, decimal owed, Uri publicBaseUrl) => new()
    {
        MessageId = MessageId(loanId, "late", installment),
        To = to,
        Subject = $"Installment {installment.ToString(CultureInfo.InvariantCulture)} of your loan is late",
        Text = $"""
            Hello,

            Installment {installment.ToString(CultureInfo.InvariantCulture)} of your loan was due on {Date(dueDate)} and is still unpaid: ${Money(owed)} is overdue in all.

            Please pay as soon as you can and record the repayment on your dashboard:

            {new Uri(publicBaseUrl, "app/")}
            """,
    };

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
