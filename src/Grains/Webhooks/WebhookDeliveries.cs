using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// The delivery rules of one endpoint, on its state and without I/O: queueing (duplicates ignored), what is due,
/// what an attempt's answer does to its delivery and to the endpoint, replay and re-enabling, and the caps.
/// </summary>
public sealed class WebhookDeliveries(WebhookOptions options)
{
    private readonly WebhookSchedule _schedule = new(options);
    private readonly WebhookHealth _health = new(options);

    /// <summary>Queues new events of subscribed types; false when nothing was added (unknown endpoint, disabled, duplicates).</summary>
    public bool Enqueue(WebhookState webhook, IEnumerable<WebhookEvent> events, DateTimeOffset now)
    {
        if (!webhook.Exists || !webhook.Enabled)
        {
            // A disabled endpoint takes no new events: it is known not to work, and its state stays bounded.
            return false;
        }

        var known = webhook.Deliveries.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var added = false;
        foreach (var e in events.Where(e => webhook.Events.Contains(e.Type, StringComparer.Ordinal)))
        {
            if (!known.Add(e.Id))
            {
                continue;
            }

            webhook.Deliveries.Add(new WebhookDeliveryState
            {
                Id = e.Id,
                EventType = e.Type,
                Payload = e.Payload,
                CreatedAt = now,
                QueuedAt = now,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
            });
            added = true;
        }

        Trim(webhook);
        return added;
    }

    /// <summary>The pending deliveries due at <paramref name="now"/>, most overdue first, at most a batch.</summary>
    public List<WebhookDeliveryState> Due(WebhookState webhook, DateTimeOffset now) =>
        !webhook.Exists || !webhook.Enabled
            ? []
            : [.. webhook.Deliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Take(Math.Max(1, options.BatchSize))];

    /// <summary>When the next pending delivery is due, or null when nothing will be sent (none pending, or disabled).</summary>
    public static DateTimeOffset? NextDue(WebhookState webhook) =>
        !webhook.Exists || !webhook.Enabled
            ? null
            : webhook.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending).Min(d => d.NextAttemptAt);

    /// <summary>Records an attempt and applies its answer: delivered, retried on the schedule, failed, or the endpoint disabled.</summary>
    public void Record(WebhookState webhook, string deliveryId, WebhookAttemptState attempt, DateTimeOffset now)
    {
        var delivery = webhook.Deliveries.Find(d => d.Id == deliveryId);
        if (delivery is null)
        {
            return;
        }

        delivery.Attempts.Add(attempt);
        if (delivery.Attempts.Count > options.KeptAttempts)
        {
            delivery.Attempts.RemoveRange(0, delivery.Attempts.Count - options.KeptAttempts);
        }

        var outcome = WebhookHealth.Classify(attempt.StatusCode);
        switch (outcome)
        {
            case AttemptOutcome.Delivered:
                Finish(delivery, WebhookDeliveryStatus.Succeeded);
                break;
            case AttemptOutcome.Gone:
                Finish(delivery, WebhookDeliveryStatus.Failed);
                break;
            default:
                delivery.Failures++;
                delivery.NextAttemptAt = _schedule.NextAttempt(delivery.QueuedAt, delivery.Failures, now);
                if (delivery.NextAttemptAt is null)
                {
                    Finish(delivery, WebhookDeliveryStatus.Failed);
                }

                break;
        }

        webhook.FailingSince = WebhookHealth.FailingSince(webhook.FailingSince, outcome, attempt.At);
        if (webhook.Enabled && _health.DisableReason(outcome, webhook.FailingSince, now) is { } reason)
        {
            webhook.Enabled = false;
            webhook.DisabledReason = reason;
            webhook.DisabledAt = now;
        }

        Trim(webhook);
    }

    /// <summary>Queues a kept delivery again, now, with a fresh retry run; false when there is no such delivery.</summary>
    public static bool Replay(WebhookState webhook, string deliveryId, DateTimeOffset now)
    {
        var delivery = webhook.Deliveries.Find(d => d.Id == deliveryId);
        if (delivery is null)
        {
            return false;
        }

        Restart(delivery, now);
        // Moved to the end, so the trim of finished deliveries keeps it.
        webhook.Deliveries.Remove(delivery);
        webhook.Deliveries.Add(delivery);
        return true;
    }

    /// <summary>Enables the endpoint again: the failure streak restarts and every pending delivery gets a fresh run, now.</summary>
    public static void Enable(WebhookState webhook, DateTimeOffset now)
    {
        webhook.Enabled = true;
        webhook.DisabledReason = null;
        webhook.DisabledAt = null;
        webhook.FailingSince = null;
        foreach (var delivery in webhook.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending))
        {
            Restart(delivery, now);
        }
    }

    public static WebhookDeliveryView ToView(WebhookDeliveryState d) =>
        new(d.Id, d.EventType, d.Status, d.CreatedAt, d.NextAttemptAt,
            [.. d.Attempts.Select(a => new WebhookAttemptView(a.At, a.StatusCode, a.Error, a.DurationMs))], d.Payload);

    public static WebhookView ToView(WebhookState w) =>
        new(w.WebhookId, w.Url, [.. w.Events], w.Description, w.Enabled, w.DisabledReason, w.DisabledAt, w.CreatedAt,
            w.FailingSince, w.PreviousSecretExpiresAt, w.Deliveries.Count(d => d.Status == WebhookDeliveryStatus.Pending));

    /// <summary>Newest first.</summary>
    public static ImmutableArray<WebhookDeliveryView> List(WebhookState webhook) =>
        [.. Enumerable.Reverse(webhook.Deliveries).Select(ToView)];

    private static void Restart(WebhookDeliveryState delivery, DateTimeOffset now)
    {
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.QueuedAt = now;
        delivery.Failures = 0;
        delivery.NextAttemptAt = now;
    }

    private static void Finish(WebhookDeliveryState delivery, WebhookDeliveryStatus status)
    {
        delivery.Status = status;
        delivery.NextAttemptAt = null;
    }

    /// <summary>Drops the oldest finished deliveries past the cap, and fails the oldest pending ones past theirs.</summary>
    private void Trim(WebhookState webhook)
    {
        var pending = webhook.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending).ToList();
        foreach (var overflow in pending.Take(Math.Max(0, pending.Count - options.MaxPending)))
        {
            Finish(overflow, WebhookDeliveryStatus.Failed);
        }

        var finished = webhook.Deliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending).ToList();
        var drop = finished.Take(Math.Max(0, finished.Count - options.KeptDeliveries)).ToHashSet();
        if (drop.Count > 0)
        {
            webhook.Deliveries.RemoveAll(drop.Contains);
        }
    }
}
