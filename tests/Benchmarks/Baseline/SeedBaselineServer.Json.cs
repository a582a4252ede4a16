using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http;
using static PrivateLending.Benchmarks.Baseline.SeedTables;

namespace PrivateLending.Benchmarks.Baseline;

/// <summary>The seed's responses, written by hand as its handlers did.</summary>
internal sealed partial class SeedBaselineServer
{
    private static void WriteLoan(
        Utf8JsonWriter w,
        Dictionary<string, AttributeValue> loan,
        List<Dictionary<string, AttributeValue>> participants,
        Dictionary<string, Dictionary<string, AttributeValue>> users,
        Dictionary<string, Dictionary<string, AttributeValue>> ach)
    {
        var amount = Dec(loan["amount"]);
        var active = participants.Where(p => p["status"].S != "DECLINED").ToList();
        var contributions = active.Select(p => Dec(p["contribution_amount"])).ToList();
        var funded = participants.Where(p => p["status"].S == "ACCEPTED").Sum(p => Dec(p["contribution_amount"]));
        w.WriteStartObject();
        foreach (var name in (string[])["loan_id", "borrower_id", "borrower_name", "purpose", "status"])
        {
            w.WriteString(name, loan[name].S);
        }

        w.WriteNumber("amount", amount);
        w.WriteNumber("interest_rate", Dec(loan["interest_rate"]));
        w.WriteNumber("term_months", Dec(loan["term_months"]));
        w.WriteNumber("version", Dec(loan["version"]));
        w.WriteStartArray("participants");
        foreach (var p in participants)
        {
            var lenderName = p.TryGetValue("lender_id", out var id) && users.TryGetValue(id.S, out var user) ? user["name"].S : null;
            WriteParticipant(w, p, lenderName, ach.GetValueOrDefault(p["participant_id"].S));
        }

        w.WriteEndArray();
        w.WriteNumber("total_invited", contributions.Sum());
        w.WriteNumber("total_funded", funded);
        w.WriteNumber("funding_percentage", amount == 0 ? 0 : Math.Round(funded * 100 / amount, 2));
        w.WriteNumber("participant_count", participants.Count);
        w.WriteNumber("accepted_participant_count", participants.Count(p => p["status"].S == "ACCEPTED"));
        w.WriteNumber("pending_participant_count", participants.Count(p => p["status"].S == "PENDING"));
        w.WriteBoolean("is_fully_funded", funded == amount);
        if (contributions.Count > 0)
        {
            w.WriteNumber("average_contribution", Math.Round(contributions.Average(), 2));
            w.WriteNumber("largest_contribution", contributions.Max());
            w.WriteNumber("smallest_contribution", contributions.Min());
        }

        foreach (var name in (string[])["created_at", "created_by", "updated_at", "updated_by"])
        {
            w.WriteString(name, loan[name].S);
        }

        w.WriteEndObject();
    }

    private static void WriteParticipant(Utf8JsonWriter w, Dictionary<string, AttributeValue> p, string? lenderName, Dictionary<string, AttributeValue>? ach)
    {
        w.WriteStartObject();
        w.WriteString("participant_id", p["participant_id"].S);
        w.WriteString("loan_id", p["loan_id"].S);
        w.WriteString("lender_email", p["lender_email"].S);
        w.WriteString("lender_id", p.GetValueOrDefault("lender_id")?.S);
        w.WriteString("lender_name", lenderName);
        w.WriteNumber("contribution_amount", Dec(p["contribution_amount"]));
        w.WriteString("status", p["status"].S);
        w.WriteString("invited_at", p["invited_at"].S);
        w.WriteString("responded_at", p.GetValueOrDefault("responded_at")?.S);
        if (ach is null)
        {
            w.WriteNull("ach");
        }
        else
        {
            w.WriteStartObject("ach");
            w.WriteString("account_holder", ach["account_holder"].S);
            w.WriteString("account_type", ach["account_type"].S);
            w.WriteString("account_last4", ach["account_last4"].S);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static decimal Dec(AttributeValue value) => decimal.Parse(value.N, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static Task ProblemAsync(HttpContext context, int status, string code) => WriteJsonAsync(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("status", status);
        w.WriteString("code", code);
        w.WriteEndObject();
    }, "application/problem+json");

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
