using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>
/// A user's webhook endpoints (keyed by user id): the list the API shows, and the fan-out that hands each of the
/// user's events to every endpoint subscribed to its type.
/// </summary>
public interface IWebhookOwnerGrain : IGrainWithGuidKey
{
    /// <summary>Adds an endpoint (idempotent); refused with a conflict past the per-user limit.</summary>
    Task AddAsync(Guid webhookId, ImmutableArray<string> events);

    /// <summary>Removes an endpoint (idempotent).</summary>
    Task RemoveAsync(Guid webhookId);

    /// <summary>The user's endpoint ids, oldest first.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<Guid>> ListAsync();

    /// <summary>Hands events to the subscribed endpoints; throws when one of them could not take them (the sender retries).</summary>
    Task PublishAsync(ImmutableArray<WebhookEvent> events);
}
