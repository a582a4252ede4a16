using PrivateLending.Grains.Abstractions.Loans;
using System.Text.Json;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.Grains.Webhooks;
using PrivateLending.TestSupport.Audit;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Webhooks;

/// <summary>
/// Webhooks in the test silo: events come from the loan's own writes through its outbox, fan out to the user's
/// endpoints, and are sent by the endpoint grain (here to a scripted sender) with retries, disabling and rotation.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class WebhookGrainTests(ClusterFixture fixture) : IDisposable
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly TestWebhookSender _sender = TestWebhookSender.Instance;
    private readonly CounterRecorder _deliveries = new(WebhookMetrics.MeterName, "outcome");
    private readonly CounterRecorder _disabled = new(WebhookMetrics.MeterName, "reason");

    public void Dispose()
    {
        _deliveries.Dispose();
        _disabled.Dispose();
    }

    [Fact]
    public async Task CreateLoan_BorrowerSubscribed_ReceivesCreatedAndInvitedEvents()
    {
        var borrower = User();
        var (url, _) = await SubscribeAsync(borrower.UserId, LoanEvents.All);

        var (_, loan) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 400m));

        var sent = await SentAsync(url, 2);
        Assert.Equal([LoanEvents.LoanCreated, LoanEvents.LenderInvited], sent.Select(TypeOf).Order(StringComparer.Ordinal).Reverse());
        Assert.All(sent, r => Assert.Equal(loan.LoanId, JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("loan_id").GetGuid()));
        Assert.Equal(2, sent.Select(r => r.MessageId).Distinct().Count());
        Assert.All(sent, r => Assert.StartsWith("msg_", r.MessageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_LinkedLenderSubscribed_ReceivesOwnAcceptanceAndFunding()
    {
        var email = Email();
        var profile = await RegisterVerifiedAsync(_grains, email);
        var (url, _) = await SubscribeAsync(profile.UserId, [LoanEvents.ParticipantAccepted, LoanEvents.LoanFunded]);
        var (grain, loan) = await CreateLoanAsync(_grains, User(), 500m, Invite(email, 500m));

        await grain.AcceptAsync(Respond(new Actor(profile.UserId, email, "Zed", EmailVerified: true), loan.Participants[0].ParticipantId, accept: true));

        var sent = await SentAsync(url, 2);
        Assert.Equal([LoanEvents.LoanFunded, LoanEvents.ParticipantAccepted], sent.Select(TypeOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delivery_ServerErrorThenOk_RetriedWithSameMessageIdAndEveryAttemptListed()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        _sender.Answer(url, 500, 503);

        await CreateLoanAsync(_grains, borrower);

        var sent = await SentAsync(url, 3);
        Assert.Single(sent.Select(r => r.MessageId).Distinct());
        var delivery = Assert.Single((await EventuallyAsync(() => hook.GetDeliveriesAsync(borrower.UserId),
            d => d!.Value.Any(x => x.Status == WebhookDeliveryStatus.Succeeded), "the successful retry"))!.Value);
        Assert.Equal([500, 503, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
        Assert.Null((await hook.GetAsync(borrower.UserId))!.FailingSince);
        // Other endpoints of earlier tests may still be retrying: at least these attempts were counted.
        Assert.True(_deliveries.Of("privatelending.webhook.deliveries", "failed") >= 2);
        Assert.True(_deliveries.Of("privatelending.webhook.deliveries", "delivered") >= 1);
    }

    [Fact]
    public async Task Delivery_Gone_DisablesUntilReEnabled()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        _sender.Answer(url, 410);

        await CreateLoanAsync(_grains, borrower);

        var disabled = await EventuallyAsync(() => hook.GetAsync(borrower.UserId), v => !v!.Enabled, "the endpoint disabled");
        Assert.Equal(WebhookHealth.GoneReason, disabled!.DisabledReason);
        await CreateLoanAsync(_grains, borrower);
        await Task.Delay(300);
        Assert.Single(_sender.SentTo(url));
        Assert.Equal(1, _deliveries.Of("privatelending.webhook.deliveries", "gone"));
        Assert.Equal(1, _disabled.Of("privatelending.webhook.endpoints_disabled", WebhookHealth.GoneReason));

        var enabled = await hook.EnableAsync(borrower.UserId);
        Assert.True(enabled.Enabled);
        Assert.Null(enabled.DisabledReason);
    }

    [Fact]
    public async Task RotateSecret_NextDelivery_SignedWithNewAndPreviousSecret()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        var first = (await _grains.GetGrain<IWebhookOwnerGrain>(borrower.UserId).ListAsync()).Single();
        Assert.Equal(hook.GetPrimaryKey(), first);

        var rotated = await hook.RotateSecretAsync(borrower.UserId);
        await CreateLoanAsync(_grains, borrower);

        var sent = Assert.Single(await SentAsync(url, 1));
        Assert.Equal(2, sent.Secrets.Length);
        Assert.Equal(rotated.Secret, sent.Secrets[0]);
        Assert.NotNull(rotated.Webhook.PreviousSecretExpiresAt);
    }

    [Fact]
    public async Task Replay_DeliveredEvent_SentAgainWithSameId()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        await CreateLoanAsync(_grains, borrower);
        var first = Assert.Single(await SentAsync(url, 1));

        var replayed = await hook.ReplayAsync(borrower.UserId, first.MessageId);

        Assert.Equal(WebhookDeliveryStatus.Pending, replayed!.Status);
        var sent = await SentAsync(url, 2);
        Assert.All(sent, r => Assert.Equal(first.MessageId, r.MessageId));
        Assert.Null(await hook.ReplayAsync(borrower.UserId, "msg_unknown"));
    }

    [Fact]
    public async Task OtherUser_SeesNothingAndCannotChangeIt()
    {
        var owner = User();
        var (_, hook) = await SubscribeAsync(owner.UserId, [LoanEvents.LoanCreated]);
        var stranger = Guid.NewGuid();

        Assert.Null(await hook.GetAsync(stranger));
        Assert.Null(await hook.GetDeliveriesAsync(stranger));
        Assert.Null(await hook.DeleteAsync(stranger));
        var refused = await Assert.ThrowsAsync<DomainException>(() => hook.RotateSecretAsync(stranger));
        Assert.Equal(DomainErrorCode.NotFound, refused.Code);
    }

    [Fact]
    public async Task Delete_Webhook_RemovedFromOwnerAndGetsNoMoreEvents()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);

        Assert.NotNull(await hook.DeleteAsync(borrower.UserId));
        await CreateLoanAsync(_grains, borrower);
        await Task.Delay(300);

        Assert.Empty(await _grains.GetGrain<IWebhookOwnerGrain>(borrower.UserId).ListAsync());
        Assert.Empty(_sender.SentTo(url));
        Assert.Null(await hook.GetAsync(borrower.UserId));
    }

    [Fact]
    public async Task Audit_CreateGoneRotateEnableDelete_OneEntryEachAndNoSecret()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        var id = hook.GetPrimaryKey().ToString();
        _sender.Answer(url, 410);
        await CreateLoanAsync(_grains, borrower);
        await EventuallyAsync(() => hook.GetAsync(borrower.UserId), v => !v!.Enabled, "the endpoint disabled");
        var rotated = await hook.RotateSecretAsync(borrower.UserId);
        await hook.EnableAsync(borrower.UserId);
        await hook.DeleteAsync(borrower.UserId);

        var entries = await EventuallyAsync(
            () => Task.FromResult(MemoryAuditStore.Instance.Entries.Where(e => e.RecordId == id).OrderBy(e => e.At).ToList()),
            l => l.Count == 5, "five webhook audit entries");

        Assert.Equal(["webhook.created", "webhook.disabled", "webhook.secret_rotated", "webhook.enabled", "webhook.deleted"],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(AuditRecordTypes.Webhook, e.RecordType));
        Assert.Null(entries[1].ActorId); // disabled by the delivery rules, not by a person
        Assert.Contains(entries[1].Changes, c => c.Field == "enabled" && c.Before == "true" && c.After == "false");
        Assert.Equal(url, Assert.Single(entries[4].Changes).Before);
        Assert.DoesNotContain(entries.SelectMany(e => e.Changes), c => (c.Before + c.After).Contains("whsec_", StringComparison.Ordinal)
            || (c.Before + c.After).Contains(rotated.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiveReminder_PendingDeliveryAfterDeactivation_SendsIt()
    {
        var borrower = User();
        var (url, hook) = await SubscribeAsync(borrower.UserId, [LoanEvents.LoanCreated]);
        _sender.Answer(url, 500);
        await CreateLoanAsync(_grains, borrower);
        await SentAsync(url, 1);

        // As after a restart: the activation (and its timer) is gone; only the stored queue and the reminder remain.
        await ClusterFixture.DeactivateAsync(hook);
        await hook.Cast<IRemindable>().ReceiveReminder(WebhookGrain.RetryReminder, default);

        await SentAsync(url, 2);
        var delivery = Assert.Single((await hook.GetDeliveriesAsync(borrower.UserId))!.Value);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
    }

    private async Task<(string Url, IWebhookGrain Grain)> SubscribeAsync(Guid ownerId, IEnumerable<string> events)
    {
        var url = $"https://hooks.example.com/{Guid.NewGuid():N}";
        var grain = _grains.GetGrain<IWebhookGrain>(Guid.NewGuid());
        var created = await grain.CreateAsync(new CreateWebhook(ownerId, url, [.. events], null));
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        return (url, grain);
    }

    private async Task<IReadOnlyList<WebhookRequest>> SentAsync(string url, int count) =>
        await EventuallyAsync(() => Task.FromResult(_sender.SentTo(url)), s => s.Count >= count, $"{count} webhook request(s)");

    private static string TypeOf(WebhookRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("type").GetString()!;
}
