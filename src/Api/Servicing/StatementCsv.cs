using System.Globalization;
using System.Text;
using PrivateLending.Api.Infrastructure.Csv;

namespace PrivateLending.Api.Servicing;

/// <summary>A lender's statement as CSV (<see cref="CsvText"/>): a header row, then one row per distribution line.</summary>
internal static class StatementCsv
{
    public static readonly string[] Header =
        ["paid_on", "loan_id", "borrower_name", "repayment_id", "sequence", "principal", "interest", "amount"];

    public static string Write(IEnumerable<StatementLineResponse> lines)
    {
        var csv = new StringBuilder();
        CsvText.Row(csv, Header);
        foreach (var l in lines)
        {
            CsvText.Row(csv,
            [
                l.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.LoanId.ToString(), l.BorrowerName, l.RepaymentId.ToString(),
                l.Sequence.ToString(CultureInfo.InvariantCulture), Money(l.Principal), Money(l.Interest), Money(l.Amount),
            ]);
        }

        return csv.ToString();
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
