using System.Text;
using PrivateLending.Api.Infrastructure.Csv;

namespace PrivateLending.Api.Tests.Unit;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Row_CellAFormulaCouldStartWith_GetsLeadingApostrophe(string cell, string written)
    {
        var csv = new StringBuilder();

        CsvText.Row(csv, [cell, "12.50"]);

        Assert.Equal(written + ",12.50\r\n", csv.ToString());
    }

    [Theory]
    [InlineData("Bea Borrower", "Bea Borrower")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void Row_PlainCells_QuotedOnlyWhenNeeded(string cell, string written)
    {
        var csv = new StringBuilder();

        CsvText.Row(csv, [cell]);

        Assert.Equal(written + "\r\n", csv.ToString());
    }
}
