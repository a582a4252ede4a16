using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Sending. While deliveries are pending a durable reminder exists, due at the next attempt (at least
/// <see cref="WebhookOptions.ReminderPeriod"/> away), so a restart or a deactivation cannot strand them; while the
/// grain is active a grain timer fires at the exact due time (retries of a few seconds are below a reminder's minimum).
/// Each pass sends the due deliveries in parallel, then records every attempt in one write.
/// </summary>
public sealed partial class WebhookGrain : IRemindable
{
    /// <summary>The reminder's name; one per endpoint.</summary>
    public const string RetryReminder = "webhook-retry";

    private IGrainTimer? _timer;
    private DateTimeOffset? _reminderDue;

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == RetryReminder ? DeliverDueAsync() : Task.CompletedTask;

    /// <summary>One pass: send what is due, record the answers, and schedule the next pass.</summary>
    internal async Task DeliverDueAsync()
    {
        var now = clock.GetUtcNow();
        var due = _deliveries.Due(_current, now);
        if (due.Count > 0)
        {
            var secrets = WebhookSecrets.Signing(_current, now, _secrets);
            var url = new Uri(_current.Url);
            var attempts = await Task.WhenAll(due.Select(d => AttemptAsync(url, d, secrets)));
            var next = _current.Clone();
            var after = clock.GetUtcNow();
            foreach (var (id, attempt) in attempts)
            {
                _deliveries.Record(next, id, attempt, after);
                WebhookMetrics.Attempted(attempt.StatusCode);
            }

            var wasEnabled = _current.Enabled;
            await CommitAsync(next);
            if (wasEnabled && !next.Enabled && next.DisabledReason is { } reason)
            {
                WebhookMetrics.Disabled(reason);
                LogDisabled(logger, next.WebhookId, reason);
            }
        }

        await ScheduleAsync();
    }

    private async Task<(string Id, WebhookAttemptState Attempt)> AttemptAsync(Uri url, WebhookDeliveryState delivery, ImmutableArray<string> secrets)
    {
        var at = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        WebhookResponse response;
        try
        {
            response = Sender is { } sender
                ? await sender.SendAsync(new WebhookRequest(url, delivery.Id, at, delivery.Payload, secrets), CancellationToken.None)
                : new WebhookResponse(null, "No webhook sender is configured on this silo.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The sender reports failures as answers; anything it throws still counts as a failed attempt.
            response = new WebhookResponse(null, ex.GetType().Name);
        }

        return (delivery.Id, new WebhookAttemptState
        {
            At = at,
            StatusCode = response.StatusCode,
            Error = response.Error,
            DurationMs = watch.ElapsedMilliseconds,
        });
    }

    /// <summary>Arms the timer at the next due attempt and keeps the reminder in step (removed when nothing is pending).</summary>
    private async Task ScheduleAsync()
    {
        var nextDue = ArmTimer();
        try
        {
            if (nextDue is { } due)
            {
                if (_reminderDue != due)
                {
                    var period = options.Value.ReminderPeriod;
                    var wait = due - clock.GetUtcNow();
                    await this.RegisterOrUpdateReminder(RetryReminder, wait > period ? wait : period, period);
                    _reminderDue = due;
                }
            }
            else if (_reminderDue is not null || await this.GetReminder(RetryReminder) is not null)
            {
                if (await this.GetReminder(RetryReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _reminderDue = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The timer still runs while active; the next pass tries the reminder again.
            _reminderDue = null;
            LogReminderFailed(logger, _current.WebhookId, ex);
        }
    }

    /// <summary>Points the timer at the next due attempt (or stops it); answers that time.</summary>
    private DateTimeOffset? ArmTimer()
    {
        var nextDue = WebhookDeliveries.NextDue(_current);
        if (nextDue is not { } due)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return null;
        }

        var wait = due - clock.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(_ => DeliverDueAsync(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan)
            {
                Interleave = false,
                KeepAlive = false,
            });
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }

        return due;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} disabled ({Reason})")]
    private static partial void LogDisabled(ILogger logger, Guid webhookId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: could not update its retry reminder; retries rely on the timer until the next pass")]
    private static partial void LogReminderFailed(ILogger logger, Guid webhookId, Exception exception);
}
