using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Documents;

/// <summary>
/// The loan agreement as a PDF: the borrower, amount, rate and term, each accepted lender's contribution with the
/// terms version they accepted and when, the funding time and, from version 2 (disbursement), the installment amount
/// and first due date. Figures are written invariantly (1234.50), as the API writes them.
/// </summary>
internal static class AgreementPdf
{
    private const double Margin = 56;
    private const double LineHeight = 16;

    public static byte[] Render(LoanState loan, int version)
    {
        AgreementFonts.Install();
        var lines = Lines(loan, version);
        var document = new PdfDocument();
        document.Info.Title = $"Loan agreement {loan.LoanId} (version {version})";
        document.Info.Creator = "PrivateLending";
        var regular = new XFont(AgreementFonts.Family, 10, XFontStyleEx.Regular);
        var bold = new XFont(AgreementFonts.Family, 14, XFontStyleEx.Bold);
        var index = 0;
        while (index < lines.Count)
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            var y = Margin;
            if (index == 0)
            {
                gfx.DrawString("Loan agreement", bold, XBrushes.Black, new XPoint(Margin, y));
                y += LineHeight * 2;
            }

            for (; index < lines.Count && y < page.Height.Point - Margin; index++, y += LineHeight)
            {
                gfx.DrawString(lines[index], regular, XBrushes.Black, new XPoint(Margin, y));
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    internal static List<string> Lines(LoanState loan, int version)
    {
        var lines = new List<string>
        {
            $"Agreement version: {Number(version)}",
            $"Loan: {loan.LoanId}",
            $"Borrower: {loan.BorrowerName}",
            $"Amount: {Money(loan.Amount)}",
            $"Annual interest rate: {Money(loan.InterestRate)} %",
            $"Term: {Number(loan.TermMonths)} months",
            $"Purpose: {loan.Purpose}",
            $"Funded at: {Time(loan.FundedAt ?? loan.LastFundingUpdate)}",
        };
        if (version >= 2 && loan.Servicing is { } servicing)
        {
            lines.Add($"Disbursed on: {Date(servicing.DisbursedOn)}");
            lines.Add($"Installment amount: {Money(servicing.InstallmentAmount)}");
            lines.Add($"First due date: {Date(servicing.Installments[0].DueDate)}");
        }

        lines.Add("");
        lines.Add("Lenders:");
        var number = 0;
        foreach (var p in loan.Participants.Where(p => p.Status == ParticipantStatus.Accepted))
        {
            // Named as their account is; never by email address, which co-lenders do not see either.
            number++;
            lines.Add($"{p.LenderName ?? "Lender " + Number(number)}: {Money(p.ContributionAmount)}, accepted terms version {Number(p.AcceptedVersion ?? 1)} at {Time(p.RespondedAt)}");
        }

        return lines;
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-";
}
