namespace PrivateLending.Grains.Webhooks;

/// <summary>A user's webhook endpoints and the event types each subscribes to (bounded by <see cref="WebhookOptions.MaxEndpointsPerUser"/>).</summary>
[GenerateSerializer, Alias("PrivateLending.WebhookOwnerState")]
public sealed class WebhookOwnerState
{
    [Id(0)] public List<OwnedWebhook> Webhooks { get; set; } = [];
}

[GenerateSerializer, Alias("PrivateLending.OwnedWebhook")]
public sealed class OwnedWebhook
{
    [Id(0)] public Guid WebhookId { get; set; }
    [Id(1)] public List<string> Events { get; set; } = [];
}
