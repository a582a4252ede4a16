using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PrivateLending.Api.Audit;

/// <summary>
/// The audit export as RFC 4180 CSV: a header row, CRLF after every record, and a field quoted (its quotes
/// doubled) when it holds a comma, quote, CR or LF or starts or ends with a space. One row per entry; <c>changes</c>
/// is the JSON array of changed fields, as in the JSON answer. Written by hand: the rules are these few lines.
/// A cell that starts with <c>= + - @</c>, TAB or CR is prefixed with an apostrophe: spreadsheets run such cells
/// as formulas, and several fields (user agent, text in changes) are chosen by whoever sent a request.
/// </summary>
internal static class AuditCsv
{
    public const string MediaType = "text/csv";

    public static readonly string[] Header =
        ["id", "time", "actor_id", "action", "record_type", "record_id", "changes", "client_ip", "user_agent", "request_id", "client_request_id"];

    public static string Write(IEnumerable<AuditEntryResponse> entries, JsonSerializerOptions json)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var e in entries)
        {
            Row(csv,
            [
                e.Id, e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "", e.Action,
                e.RecordType, e.RecordId, JsonSerializer.Serialize(e.Changes, json), e.ClientIp ?? "", e.UserAgent ?? "", e.RequestId ?? "", e.ClientRequestId ?? "",
            ]);
        }

        return csv.ToString();
    }

    /// <summary>True when the client asked for CSV (Accept: text/csv) rather than JSON.</summary>
    public static bool Wanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    internal static void Row(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var field = Neutralise(fields[i]);
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' ')))
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }

        csv.Append("\r\n");
    }

    /// <summary>The cell as a spreadsheet shows it as text: an apostrophe before a leading formula character.</summary>
    internal static string Neutralise(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
}
