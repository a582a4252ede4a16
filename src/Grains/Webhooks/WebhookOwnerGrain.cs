using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Webhooks;

/// <summary>A user's webhook endpoints and the fan-out of the user's events to them (see <see cref="IWebhookOwnerGrain"/>).</summary>
public sealed class WebhookOwnerGrain(
    [PersistentState("webhooks", StorageNames.Users)] IPersistentState<WebhookOwnerState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookOwnerGrain
{
    private readonly StateWriter<WebhookOwnerState> _writer = new(state);

    public async Task AddAsync(Guid webhookId, ImmutableArray<string> events)
    {
        var current = state.State;
        if (current.Webhooks.Exists(w => w.WebhookId == webhookId))
        {
            return;
        }

        if (current.Webhooks.Count >= options.Value.MaxEndpointsPerUser)
        {
            throw new DomainException(DomainErrorCode.Conflict,
                $"You already have {options.Value.MaxEndpointsPerUser} webhooks, the most one account may have. Delete one first.");
        }

        var next = new WebhookOwnerState { Webhooks = [.. current.Webhooks, new OwnedWebhook { WebhookId = webhookId, Events = [.. events] }] };
        await _writer.CommitAsync(this, next);
    }

    public async Task RemoveAsync(Guid webhookId)
    {
        var current = state.State;
        if (!current.Webhooks.Exists(w => w.WebhookId == webhookId))
        {
            return;
        }

        await _writer.CommitAsync(this, new WebhookOwnerState { Webhooks = current.Webhooks.FindAll(w => w.WebhookId != webhookId) });
    }

    public Task<ImmutableArray<Guid>> ListAsync() =>
        Task.FromResult(state.State.Webhooks.Select(w => w.WebhookId).ToImmutableArray());

    public async Task PublishAsync(ImmutableArray<WebhookEvent> events)
    {
        var sends = new List<Task>();
        foreach (var webhook in state.State.Webhooks)
        {
            var subscribed = events.Where(e => webhook.Events.Contains(e.Type, StringComparer.Ordinal)).ToImmutableArray();
            if (!subscribed.IsEmpty)
            {
                sends.Add(GrainFactory.GetGrain<IWebhookGrain>(webhook.WebhookId).EnqueueAsync(subscribed));
            }
        }

        // Any failure fails the call, so the loan's outbox sends again; endpoints that took them ignore the repeat.
        await Task.WhenAll(sends);
    }
}
