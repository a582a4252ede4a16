using System.Diagnostics.Metrics;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Webhook delivery attempts by how they ended, and endpoints disabled by why. The silo exports the meter by
/// <see cref="MeterName"/>.
/// </summary>
public static class WebhookMetrics
{
    public const string MeterName = "PrivateLending.Webhooks";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Delivery attempts, tagged <c>outcome</c>: delivered (2xx), failed (any other answer or none; retried), gone (410).</summary>
    public static Counter<long> Deliveries { get; } =
        Meter.CreateCounter<long>("privatelending.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome (delivered, failed, gone).");

    /// <summary>Endpoints disabled, tagged <c>reason</c>: gone (the receiver answered 410) or failing (every attempt failed for DisableAfter).</summary>
    public static Counter<long> EndpointsDisabled { get; } =
        Meter.CreateCounter<long>("privatelending.webhook.endpoints_disabled", "{endpoint}", "Webhook endpoints disabled, by reason (gone, failing).");

    /// <summary>Counts one attempt answered with <paramref name="statusCode"/> (null: no answer).</summary>
    public static void Attempted(int? statusCode) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", WebhookHealth.Classify(statusCode) switch
        {
            AttemptOutcome.Delivered => "delivered",
            AttemptOutcome.Gone => "gone",
            _ => "failed",
        }));

    /// <summary>Counts an endpoint disabled for <paramref name="reason"/>.</summary>
    public static void Disabled(string reason) => EndpointsDisabled.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
