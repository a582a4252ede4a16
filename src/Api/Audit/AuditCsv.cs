using System.Globalization;
using System.Text;
using System.Text.Json;
using PrivateLending.Api.Infrastructure.Csv;

namespace PrivateLending.Api.Audit;

/// <summary>
/// The audit export as CSV (<see cref="CsvText"/>): a header row, then one row per entry; <c>changes</c> is the JSON
/// array of changed fields, as in the JSON answer.
/// </summary>
internal static class AuditCsv
{
    public const string MediaType = CsvText.MediaType;

    public static readonly string[] Header =
        ["id", "time", "actor_id", "action", "record_type", "record_id", "changes", "client_ip", "user_agent", "request_id", "client_request_id"];

    public static string Write(IEnumerable<AuditEntryResponse> entries, JsonSerializerOptions json)
    {
        var csv = new StringBuilder();
        CsvText.Row(csv, Header);
        foreach (var e in entries)
        {
            CsvText.Row(csv,
            [
                e.Id, e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.ActorId?.ToString() ?? "", e.Action,
                e.RecordType, e.RecordId, JsonSerializer.Serialize(e.Changes, json), e.ClientIp ?? "", e.UserAgent ?? "", e.RequestId ?? "", e.ClientRequestId ?? "",
            ]);
        }

        return csv.ToString();
    }
}
