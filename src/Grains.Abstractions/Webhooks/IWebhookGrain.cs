using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>
/// One webhook endpoint, keyed by its id: its settings and secrets, its queue of pending deliveries with their
/// retry schedule (durable: a reminder wakes it after a restart), and the recent deliveries with every attempt.
/// Every owner-facing call takes the caller's user id; another user's endpoint answers as if it did not exist.
/// </summary>
public interface IWebhookGrain : IGrainWithGuidKey
{
    /// <summary>Registers the endpoint and answers it with its new secret (the only time the secret is shown, besides rotation).</summary>
    Task<WebhookSecret> CreateAsync(CreateWebhook command);

    /// <summary>The endpoint, or null when it does not exist or is not the caller's.</summary>
    [AlwaysInterleave]
    Task<WebhookView?> GetAsync(Guid ownerId);

    /// <summary>Deletes the endpoint and drops its pending deliveries; answers it as it was, or null when there was nothing of the caller's.</summary>
    Task<WebhookView?> DeleteAsync(Guid ownerId);

    /// <summary>Re-enables a disabled endpoint: its failure streak restarts and pending deliveries are sent again.</summary>
    Task<WebhookView> EnableAsync(Guid ownerId);

    /// <summary>Replaces the secret; the previous one stays valid (both signatures sent) for the configured overlap.</summary>
    Task<WebhookSecret> RotateSecretAsync(Guid ownerId);

    /// <summary>Pending and recent deliveries, newest first, or null when the endpoint is not the caller's.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<WebhookDeliveryView>?> GetDeliveriesAsync(Guid ownerId);

    /// <summary>Queues a kept delivery to be sent again now (same message id); null when there is no such delivery.</summary>
    Task<WebhookDeliveryView?> ReplayAsync(Guid ownerId, string deliveryId);

    /// <summary>Queues events for delivery (from the owner's fan-out); ids already known are ignored, so re-sending is harmless.</summary>
    Task EnqueueAsync(ImmutableArray<WebhookEvent> events);
}
