using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Webhook events leave the loan through its outbox: derived from the change and queued in the same write, then
/// delivered (at least once) to the recipients' <see cref="Abstractions.Webhooks.IWebhookOwnerGrain"/>s.
/// </summary>
public sealed partial class LoanGrain
{
    /// <summary>Queues the webhook events of the change to <paramref name="next"/>; call before its write.</summary>
    private void EnqueueWebhooks(LoanState next) => WebhookEvents.Enqueue(_current, next);
}
