using Microsoft.AspNetCore.DataProtection;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Tests.Webhooks;

/// <summary>The delivery rules without I/O: retries, the two disable rules, replay, re-enabling, rotation and the caps.</summary>
public sealed class WebhookDeliveriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly WebhookOptions _options = new();
    private readonly WebhookDeliveries _deliveries;

    public WebhookDeliveriesTests() => _deliveries = new WebhookDeliveries(_options);

    [Fact]
    public void Record_ServerError_SchedulesRetryAndStartsFailureStreak()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("msg_1")], Start);

        _deliveries.Record(hook, "msg_1", Attempt(Start, 500), Start);

        var delivery = Assert.Single(hook.Deliveries);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(Start + _options.FirstRetryDelay, delivery.NextAttemptAt);
        Assert.Equal(Start, hook.FailingSince);
        Assert.True(hook.Enabled);
    }

    [Fact]
    public void Record_SuccessAfterFailure_DeliversAndEndsStreak()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("msg_1")], Start);
        _deliveries.Record(hook, "msg_1", Attempt(Start, 500), Start);

        _deliveries.Record(hook, "msg_1", Attempt(Start.AddSeconds(5), 204), Start.AddSeconds(5));

        var delivery = Assert.Single(hook.Deliveries);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal([500, 204], delivery.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Null(hook.FailingSince);
    }

    [Fact]
    public void Record_Gone_DisablesEndpointAtOnce()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("msg_1"), Event("msg_2")], Start);

        _deliveries.Record(hook, "msg_1", Attempt(Start, 410), Start);

        Assert.False(hook.Enabled);
        Assert.Equal(WebhookHealth.GoneReason, hook.DisabledReason);
        Assert.Equal(WebhookDeliveryStatus.Failed, hook.Deliveries[0].Status);
        Assert.Empty(_deliveries.Due(hook, Start.AddDays(1)));
        Assert.False(_deliveries.Enqueue(hook, [Event("msg_3")], Start), "a disabled endpoint takes no new events");
    }

    [Fact]
    public void Record_FailingForFiveDays_DisablesEndpoint()
    {
        var hook = Hook();
        var now = Start;
        for (var day = 0; day < 5; day++)
        {
            _deliveries.Enqueue(hook, [Event($"msg_{day}")], now);
            _deliveries.Record(hook, $"msg_{day}", Attempt(now, null), now);
            Assert.True(hook.Enabled, $"still enabled after {day} days");
            now = now.AddDays(1);
        }

        _deliveries.Enqueue(hook, [Event("msg_last")], now);
        _deliveries.Record(hook, "msg_last", Attempt(now, 503), now);

        Assert.False(hook.Enabled);
        Assert.Equal(WebhookHealth.FailingReason, hook.DisabledReason);
    }

    [Fact]
    public void Record_FailingFourDaysWithOneSuccess_StaysEnabled()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("a"), Event("b"), Event("c")], Start);
        _deliveries.Record(hook, "a", Attempt(Start, 500), Start);
        _deliveries.Record(hook, "b", Attempt(Start.AddDays(4), 200), Start.AddDays(4));

        _deliveries.Record(hook, "c", Attempt(Start.AddDays(6), 500), Start.AddDays(6));

        Assert.True(hook.Enabled);
        Assert.Equal(Start.AddDays(6), hook.FailingSince);
    }

    [Fact]
    public void Record_RetriesRunOut_FailsDelivery()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("msg_1")], Start);

        var late = Start.AddDays(3).AddSeconds(-1);
        _deliveries.Record(hook, "msg_1", Attempt(late, 500), late);

        Assert.Equal(WebhookDeliveryStatus.Failed, hook.Deliveries[0].Status);
        Assert.Null(hook.Deliveries[0].NextAttemptAt);
    }

    [Fact]
    public void Enable_DisabledEndpoint_ClearsReasonAndRestartsPending()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("a"), Event("b")], Start);
        _deliveries.Record(hook, "a", Attempt(Start, 410), Start);
        var later = Start.AddHours(1);

        WebhookDeliveries.Enable(hook, later);

        Assert.True(hook.Enabled);
        Assert.Null(hook.DisabledReason);
        Assert.Null(hook.FailingSince);
        Assert.Equal("b", Assert.Single(_deliveries.Due(hook, later)).Id);
    }

    [Fact]
    public void Replay_DeliveredMessage_QueuesItAgainWithSameId()
    {
        var hook = Hook();
        _deliveries.Enqueue(hook, [Event("msg_1")], Start);
        _deliveries.Record(hook, "msg_1", Attempt(Start, 200), Start);

        Assert.True(WebhookDeliveries.Replay(hook, "msg_1", Start.AddMinutes(1)));

        var due = Assert.Single(_deliveries.Due(hook, Start.AddMinutes(1)));
        Assert.Equal("msg_1", due.Id);
        Assert.Single(due.Attempts);
        Assert.False(WebhookDeliveries.Replay(hook, "msg_unknown", Start));
    }

    [Fact]
    public void Enqueue_SameMessageTwiceOrUnsubscribedType_KeepsOne()
    {
        var hook = Hook();

        Assert.True(_deliveries.Enqueue(hook, [Event("msg_1"), Event("msg_2", LoanEvents.LoanCreated)], Start));
        Assert.False(_deliveries.Enqueue(hook, [Event("msg_1")], Start));

        Assert.Equal("msg_1", Assert.Single(hook.Deliveries).Id);
    }

    [Fact]
    public void Enqueue_ManyDeliveries_KeepsStateBounded()
    {
        var options = new WebhookOptions { KeptDeliveries = 3, MaxPending = 2, KeptAttempts = 2 };
        var deliveries = new WebhookDeliveries(options);
        var hook = Hook();
        for (var i = 0; i < 10; i++)
        {
            deliveries.Enqueue(hook, [Event($"msg_{i}")], Start);
            deliveries.Record(hook, $"msg_{i}", Attempt(Start, 500), Start);
            deliveries.Record(hook, $"msg_{i}", Attempt(Start, 500), Start);
            deliveries.Record(hook, $"msg_{i}", Attempt(Start, 500), Start);
        }

        Assert.Equal(2, hook.Deliveries.Count(d => d.Status == WebhookDeliveryStatus.Pending));
        Assert.Equal(3, hook.Deliveries.Count(d => d.Status != WebhookDeliveryStatus.Pending));
        Assert.All(hook.Deliveries, d => Assert.True(d.Attempts.Count <= 2));
    }

    [Fact]
    public void Rotate_WithinOverlap_SignsWithBothSecretsThenOnlyTheNew()
    {
        var protector = new EphemeralDataProtectionProvider().CreateProtector(WebhookSecrets.Purpose);
        var hook = Hook();
        var old = WebhookSecrets.Create(hook, protector);

        var secret = WebhookSecrets.Rotate(hook, Start, TimeSpan.FromHours(24), protector);

        Assert.StartsWith(WebhookSecrets.Prefix, secret);
        Assert.NotEqual(old, secret);
        Assert.Equal([secret, old], WebhookSecrets.Signing(hook, Start.AddHours(23), protector).ToArray());
        Assert.Equal([secret], WebhookSecrets.Signing(hook, Start.AddHours(24), protector).ToArray());
        Assert.Equal(32, Convert.FromBase64String(secret[WebhookSecrets.Prefix.Length..]).Length);
    }

    private static WebhookState Hook() => new()
    {
        Exists = true,
        WebhookId = Guid.NewGuid(),
        OwnerId = Guid.NewGuid(),
        Url = "https://hooks.example.com/",
        Events = [LoanEvents.ParticipantAccepted],
        Enabled = true,
        CreatedAt = Start,
    };

    private static WebhookEvent Event(string id, string type = LoanEvents.ParticipantAccepted) => new(id, type, Start, "{}");

    private static WebhookAttemptState Attempt(DateTimeOffset at, int? status) =>
        new() { At = at, StatusCode = status, Error = status is null ? "timeout" : null };
}
