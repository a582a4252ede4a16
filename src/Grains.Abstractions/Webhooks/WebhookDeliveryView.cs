using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not yet accepted by the endpoint; the next attempt is scheduled (or waits for re-enabling).</summary>
    Pending = 0,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded = 1,

    /// <summary>Retries ran out, or the endpoint answered 410 Gone.</summary>
    Failed = 2,
}

/// <summary>One attempt to deliver: the answer's status code, or why there was none.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.WebhookAttemptView")]
public sealed record WebhookAttemptView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error,
    [property: Id(3)] long DurationMs);

/// <summary>One event's delivery to one endpoint, with every attempt kept for it.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.WebhookDeliveryView")]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string EventType,
    [property: Id(2)] WebhookDeliveryStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? NextAttemptAt,
    [property: Id(5)] ImmutableArray<WebhookAttemptView> Attempts,
    [property: Id(6)] string Payload);
