using System.Text.Json;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Api.Webhooks;

/// <summary>A new webhook endpoint: where to POST, and which event types to send.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>A webhook endpoint; the secret is never shown here (only on creation and rotation).</summary>
public sealed record WebhookResponse(
    Guid WebhookId,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretExpiresAt,
    int PendingDeliveries);

/// <summary>A webhook endpoint with its signing secret, shown once: keep it, it cannot be read again.</summary>
public sealed record WebhookSecretResponse(
    Guid WebhookId,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    string Secret);

/// <summary>The caller's webhook endpoints, oldest first.</summary>
public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Data);

/// <summary>One attempt: the endpoint's status code, or the error when it did not answer.</summary>
public sealed record WebhookAttemptResponse(DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

/// <summary>One event's delivery to the endpoint with its attempts; the payload is the exact body that was signed.</summary>
public sealed record WebhookDeliveryResponse(
    string DeliveryId,
    string EventType,
    WebhookDeliveryStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttemptResponse> Attempts,
    JsonElement Payload);

/// <summary>Pending and recent deliveries, newest first.</summary>
public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Data);

internal static class WebhookMapping
{
    public static WebhookResponse ToResponse(WebhookView w) =>
        new(w.WebhookId, w.Url, w.Events, w.Description, w.Enabled, w.DisabledReason, w.DisabledAt, w.CreatedAt,
            w.FailingSince, w.PreviousSecretExpiresAt, w.PendingDeliveries);

    public static WebhookSecretResponse ToResponse(WebhookSecret s) =>
        new(s.Webhook.WebhookId, s.Webhook.Url, s.Webhook.Events, s.Webhook.Description, s.Webhook.Enabled,
            s.Webhook.CreatedAt, s.Webhook.PreviousSecretExpiresAt, s.Secret);

    public static WebhookDeliveryResponse ToResponse(WebhookDeliveryView d)
    {
        using var payload = JsonDocument.Parse(d.Payload);
        return new(d.DeliveryId, d.EventType, d.Status, d.CreatedAt, d.NextAttemptAt,
            [.. d.Attempts.Select(a => new WebhookAttemptResponse(a.At, a.StatusCode, a.Error, a.DurationMs))],
            payload.RootElement.Clone());
    }
}
