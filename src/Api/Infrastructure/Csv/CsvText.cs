using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PrivateLending.Api.Infrastructure.Csv;

/// <summary>
/// RFC 4180 CSV as the API writes it: CRLF after every record, a field quoted (its quotes doubled) when it holds a
/// comma, quote, CR or LF or starts or ends with a space. A field a spreadsheet would run as a formula (starting
/// with = + - @, a tab or a CR) gets a leading apostrophe, so a name or user agent chosen by someone else cannot
/// become a formula in the reader's spreadsheet. Written by hand: the rules are these few lines.
/// </summary>
internal static class CsvText
{
    public const string MediaType = "text/csv";

    /// <summary>What a CSV answer's Content-Type says.</summary>
    public const string ContentType = MediaType + "; charset=utf-8";

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>Documents that the operation's 200 also comes as CSV (with <c>Accept: text/csv</c>), with an example.</summary>
    public static void Document(OpenApiOperation operation, string example)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV with a header row." },
                Example = JsonValue.Create(example),
            };
        }
    }

    /// <summary>True when the client asked for CSV (Accept: text/csv) rather than JSON.</summary>
    public static bool Wanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Appends one record.</summary>
    public static void Row(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var field = Neutralised(fields[i]);
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

    /// <summary>The field with a leading apostrophe when a spreadsheet would take it for a formula.</summary>
    public static string Neutralised(string field) =>
        field.Length > 0 && FormulaStarts.Contains(field[0]) ? "'" + field : field;
}
