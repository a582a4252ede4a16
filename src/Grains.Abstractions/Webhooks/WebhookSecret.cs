namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>A webhook with its signing secret (<c>whsec_…</c>): answered only on creation and on rotation.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.WebhookSecret")]
public sealed record WebhookSecret(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] string Secret);
