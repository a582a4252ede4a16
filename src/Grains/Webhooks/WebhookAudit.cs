using System.Globalization;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// The audit entries of a webhook's changes (created, deleted, enabled, disabled, secret rotated), found by comparing
/// the state before and after a write and queued in that write. Secrets never appear, only that one changed.
/// Deliveries are not audited: they are listed on the webhook itself.
/// </summary>
internal static class WebhookAudit
{
    public static void Capture(WebhookState before, WebhookState next, DateTimeOffset now, AuditRequest? request)
    {
        var id = next.Exists ? next.WebhookId : before.WebhookId;
        var owner = next.Exists ? next.OwnerId : before.OwnerId;
        var actor = request?.ActorId;
        var stamp = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        if (!before.Exists && next.Exists)
        {
            Add(next, id, "created", "webhook.created", now, actor ?? owner, request,
                [
                    new FieldChange("url", null, next.Url),
                    new FieldChange("events", null, string.Join(' ', next.Events)),
                    new FieldChange("owner_id", null, owner.ToString()),
                ]);
            return;
        }

        if (before.Exists && !next.Exists)
        {
            Add(next, id, "deleted", "webhook.deleted", now, actor ?? owner, request, [new FieldChange("url", before.Url, null)]);
            return;
        }

        if (!next.Exists)
        {
            return;
        }

        if (before.Enabled != next.Enabled)
        {
            // A disable by the delivery health rules (410, days of failures) has no request: the system made it.
            Add(next, id, (next.Enabled ? "enabled-" : "disabled-") + stamp, next.Enabled ? "webhook.enabled" : "webhook.disabled",
                now, request is null ? null : actor, request,
                [
                    new FieldChange("enabled", Flag(before.Enabled), Flag(next.Enabled)),
                    new FieldChange("disabled_reason", before.DisabledReason, next.DisabledReason),
                ]);
        }

        // Every rotation sets a new end for the previous secret; comparing the secrets themselves would take the
        // re-protection of a clear secret stored by an older version for a rotation.
        if (before.PreviousSecretExpiresAt != next.PreviousSecretExpiresAt && next.PreviousSecretExpiresAt is not null)
        {
            Add(next, id, "rotated-" + stamp, "webhook.secret_rotated", now, actor ?? owner, request,
                [new FieldChange("secret", "(previous)", "(new, shown once to the owner)")]);
        }
    }

    private static void Add(WebhookState next, Guid webhookId, string step, string action, DateTimeOffset at, Guid? actor,
        AuditRequest? request, FieldChange[] changes) =>
        next.AuditOutbox.Add(new AuditEntry($"webhook-{webhookId:N}-{step}", at, actor, action, AuditRecordTypes.Webhook,
            webhookId.ToString(), [.. changes], request));

    private static string Flag(bool value) => value ? "true" : "false";
}
