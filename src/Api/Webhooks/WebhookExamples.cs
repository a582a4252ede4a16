using PrivateLending.Grains.Abstractions.Loans;
using System.Text.Json;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Api.Webhooks;

/// <summary>Example values for the webhook operations in the OpenAPI document, typed so they cannot drift from the contract.</summary>
internal static class WebhookExamples
{
    public static readonly Guid WebhookId = Guid.Parse("0193a1c0-5555-7666-8777-88889999aaaa");
    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private const string Url = "https://hooks.example.com/privatelending";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static readonly CreateWebhookRequest Create = new(Url, [LoanEvents.ParticipantAccepted, LoanEvents.LoanFunded], "Funding alerts");

    public static readonly WebhookResponse Webhook = new(
        WebhookId, Url, Create.Events!, "Funding alerts", true, null, null, CreatedAt, null, null, 0);

    public static readonly WebhookSecretResponse Created = new(
        WebhookId, Url, Create.Events!, "Funding alerts", true, CreatedAt, null, Secret);

    public static readonly WebhookSecretResponse Rotated = Created with { PreviousSecretExpiresAt = CreatedAt.AddDays(1) };

    public static readonly WebhookListResponse List = new([Webhook]);

    public static readonly WebhookDeliveryResponse Delivery = new(
        "msg_5f1c0e6a9b2d4c3e8a7f6b5d4c3b2a19", LoanEvents.ParticipantAccepted, WebhookDeliveryStatus.Succeeded,
        CreatedAt, null,
        [new WebhookAttemptResponse(CreatedAt, 500, null, 42), new WebhookAttemptResponse(CreatedAt.AddSeconds(5), 200, null, 37)],
        JsonDocument.Parse("""
            {"type":"participant.accepted","timestamp":"2026-03-02T09:30:00+00:00","data":{"loan_id":"0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
            "loan_version":3,"loan_status":"PENDING","amount":25000,"total_funded":10000,
            "participant_id":"0193a1b3-0000-7111-8222-333344445555","participant_status":"ACCEPTED","contribution_amount":10000}}
            """).RootElement.Clone());

    public static readonly WebhookDeliveryListResponse Deliveries = new([Delivery]);
}
