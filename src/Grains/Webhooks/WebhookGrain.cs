using System.Collections.Immutable;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// One webhook endpoint (see <see cref="IWebhookGrain"/>). Commands change a clone of the state, write it once and
/// swap it in; sending happens in <c>WebhookGrain.Delivery.cs</c> from a timer and a durable reminder. Signing
/// secrets are stored protected (see <see cref="WebhookSecrets"/>).
/// </summary>
public sealed partial class WebhookGrain(
    [PersistentState("webhook", StorageNames.Users)] IPersistentState<WebhookState> state,
    IDataProtectionProvider dataProtection,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    IEnumerable<IWebhookSender> senders,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain
{
    private readonly StateWriter<WebhookState> _writer = new(state);
    private readonly WebhookDeliveries _deliveries = new(options.Value);
    private readonly IDataProtector _secrets = dataProtection.CreateProtector(WebhookSecrets.Purpose);
    private WebhookState _current = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _current = state.State;
        StartAuditDelivery();
        ArmTimer();
        return Task.CompletedTask;
    }

    public async Task<WebhookSecret> CreateAsync(CreateWebhook command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_current.Exists)
        {
            throw new DomainException(DomainErrorCode.Conflict, "This webhook already exists.");
        }

        var uri = WebhookTargets.Check(command.Url, options.Value);
        var events = command.Events.Distinct(StringComparer.Ordinal).ToImmutableArray();
        // Listed first: a webhook stored but not listed could not be found again; a listed id without a webhook is skipped.
        await GrainFactory.GetGrain<IWebhookOwnerGrain>(command.OwnerId).AddAsync(this.GetPrimaryKey(), events);
        var next = new WebhookState
        {
            Exists = true,
            WebhookId = this.GetPrimaryKey(),
            OwnerId = command.OwnerId,
            Url = uri.AbsoluteUri,
            Events = [.. events],
            Description = command.Description,
            CreatedAt = clock.GetUtcNow(),
            Enabled = true,
        };
        var secret = WebhookSecrets.Create(next, _secrets);
        await CommitAsync(next);
        return new WebhookSecret(WebhookDeliveries.ToView(next), secret);
    }

    public Task<WebhookView?> GetAsync(Guid ownerId) =>
        Task.FromResult(IsOwner(ownerId) ? WebhookDeliveries.ToView(_current) : null);

    public async Task<WebhookView?> DeleteAsync(Guid ownerId)
    {
        if (!IsOwner(ownerId))
        {
            return null;
        }

        var deleted = WebhookDeliveries.ToView(_current);
        await CommitAsync(new WebhookState());
        await ScheduleAsync();
        await GrainFactory.GetGrain<IWebhookOwnerGrain>(ownerId).RemoveAsync(this.GetPrimaryKey());
        return deleted;
    }

    public async Task<WebhookView> EnableAsync(Guid ownerId)
    {
        RequireOwner(ownerId);
        var next = _current.Clone();
        WebhookDeliveries.Enable(next, clock.GetUtcNow());
        await CommitAsync(next);
        await ScheduleAsync();
        return WebhookDeliveries.ToView(_current);
    }

    public async Task<WebhookSecret> RotateSecretAsync(Guid ownerId)
    {
        RequireOwner(ownerId);
        var next = _current.Clone();
        var secret = WebhookSecrets.Rotate(next, clock.GetUtcNow(), options.Value.SecretOverlap, _secrets);
        await CommitAsync(next);
        return new WebhookSecret(WebhookDeliveries.ToView(next), secret);
    }

    public Task<ImmutableArray<WebhookDeliveryView>?> GetDeliveriesAsync(Guid ownerId) =>
        Task.FromResult(IsOwner(ownerId) ? WebhookDeliveries.List(_current) : (ImmutableArray<WebhookDeliveryView>?)null);

    public async Task<WebhookDeliveryView?> ReplayAsync(Guid ownerId, string deliveryId)
    {
        RequireOwner(ownerId);
        if (!_current.Enabled)
        {
            throw new DomainException(DomainErrorCode.Conflict, "The webhook is disabled; enable it before replaying a delivery.");
        }

        var next = _current.Clone();
        if (!WebhookDeliveries.Replay(next, deliveryId, clock.GetUtcNow()))
        {
            return null;
        }

        await CommitAsync(next);
        await ScheduleAsync();
        return WebhookDeliveries.ToView(_current.Deliveries.Find(d => d.Id == deliveryId)!);
    }

    public async Task EnqueueAsync(ImmutableArray<WebhookEvent> events)
    {
        var next = _current.Clone();
        if (!_deliveries.Enqueue(next, events, clock.GetUtcNow()))
        {
            return;
        }

        await CommitAsync(next);
        await ScheduleAsync();
    }

    private bool IsOwner(Guid ownerId) => _current.Exists && _current.OwnerId == ownerId;

    private void RequireOwner(Guid ownerId)
    {
        if (!IsOwner(ownerId))
        {
            // Another user's webhook answers like a missing one: ids reveal nothing.
            throw new DomainException(DomainErrorCode.NotFound, "No webhook with this id is yours.");
        }
    }

    private async Task CommitAsync(WebhookState next)
    {
        WebhookAudit.Capture(_current, next, clock.GetUtcNow(), AuditContext.Current());
        // A secret an older version stored in clear is protected by whatever write comes next.
        WebhookSecrets.ProtectAtRest(next, _secrets);
        await _writer.CommitAsync(this, next);
        _current = next;
        if (next.AuditOutbox.Count > 0)
        {
            _audit?.Soon();
        }
    }

    // Absent in silos configured without one: an attempt then fails, saying so.
    private IWebhookSender? Sender { get; } = senders.FirstOrDefault();
}
