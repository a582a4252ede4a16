using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Turns a loan's queued webhook update into the event every endpoint receives: the Standard Webhooks body
/// <c>{"type", "timestamp", "data"}</c> (snake_case like the API) and a message id derived from the loan, its
/// version, the type and the participation, so a re-sent update is recognised as the same message.
/// </summary>
internal static class WebhookPayloads
{
    public static WebhookEvent ToEvent(WebhookMessage update)
    {
        var type = update.EventType;
        var hasParticipant = update.ParticipantId != Guid.Empty;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("timestamp", update.OccurredAt.ToUniversalTime());
            json.WriteStartObject("data");
            json.WriteString("loan_id", update.LoanId);
            json.WriteNumber("loan_version", update.Version);
            json.WriteString("loan_status", Upper(update.LoanStatus));
            json.WriteNumber("amount", update.LoanAmount);
            json.WriteNumber("total_funded", update.TotalFunded);
            if (hasParticipant)
            {
                json.WriteString("participant_id", update.ParticipantId);
                json.WriteString("participant_status", Upper(update.ParticipantStatus));
                json.WriteNumber("contribution_amount", update.ContributionAmount);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new WebhookEvent(MessageId(update), type, update.OccurredAt, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary><c>msg_</c> and 32 hex digits, the same for the same event whatever the recipient.</summary>
    public static string MessageId(WebhookMessage update)
    {
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{update.LoanId:N}|{update.Version}|{update.EventType}|{update.ParticipantId:N}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "msg_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string Upper(Enum value) => value.ToString().ToUpperInvariant();
}
