using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>A webhook endpoint as its owner sees it; never carries a secret.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] Guid WebhookId,
    [property: Id(1)] string Url,
    [property: Id(2)] ImmutableArray<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] string? DisabledReason,
    [property: Id(6)] DateTimeOffset? DisabledAt,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? FailingSince,
    [property: Id(9)] DateTimeOffset? PreviousSecretExpiresAt,
    [property: Id(10)] int PendingDeliveries);
