using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.Grains.Webhooks;
using PrivateLending.TestSupport.Audit;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Webhooks;

/// <summary>
/// Signing secrets at rest: the webhook's item holds only Data Protection ciphertext, deliveries are still signed
/// with the secrets the owner was shown, and an item an older version wrote with clear secrets still signs and is
/// protected by its next write.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class WebhookSecretStorageTests(ClusterFixture fixture)
{
    private const string StateName = "webhook";
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly TestWebhookSender _sender = TestWebhookSender.Instance;

    [Fact]
    public async Task Create_StoredItem_HoldsNoSecretInClearAndDeliveriesSignWithIt()
    {
        var borrower = User();
        var url = Url();
        var hook = _grains.GetGrain<IWebhookGrain>(Guid.NewGuid());

        var created = await hook.CreateAsync(new CreateWebhook(borrower.UserId, url, [LoanEvents.LoanCreated], null));
        await CreateLoanAsync(_grains, borrower);

        var stored = await ReadAsync(hook);
        Assert.Equal("", stored.Secret);
        Assert.False(string.IsNullOrEmpty(stored.ProtectedSecret));
        AssertNoClearSecret(stored, created.Secret);
        var sent = Assert.Single(await SentAsync(url, 1));
        Assert.Equal([created.Secret], sent.Secrets.ToArray());
    }

    [Fact]
    public async Task RotateSecret_StoredItem_HoldsBothSecretsProtectedOnly()
    {
        var borrower = User();
        var url = Url();
        var hook = _grains.GetGrain<IWebhookGrain>(Guid.NewGuid());
        var created = await hook.CreateAsync(new CreateWebhook(borrower.UserId, url, [LoanEvents.LoanCreated], null));

        var rotated = await hook.RotateSecretAsync(borrower.UserId);
        await CreateLoanAsync(_grains, borrower);

        var stored = await ReadAsync(hook);
        Assert.Null(stored.PreviousSecret);
        Assert.False(string.IsNullOrEmpty(stored.ProtectedPreviousSecret));
        AssertNoClearSecret(stored, created.Secret, rotated.Secret);
        var sent = Assert.Single(await SentAsync(url, 1));
        Assert.Equal([rotated.Secret, created.Secret], sent.Secrets.ToArray());
    }

    [Fact]
    public async Task LegacyItemWithClearSecrets_Loads_SignsWithThemAndIsProtectedByItsNextWrite()
    {
        var borrower = User();
        var url = Url();
        var hook = _grains.GetGrain<IWebhookGrain>(Guid.NewGuid());
        const string current = "whsec_bGVnYWN5LWN1cnJlbnQtc2VjcmV0LW9mLXRoaXJ0eS10d28tYnl0ZXM=";
        const string previous = "whsec_bGVnYWN5LXByZXZpb3VzLXNlY3JldC1vZi10aGlydHktdHdvLWJ5dGU=";
        // As the version before protection wrote it: both secrets in clear, no protected fields.
        await Storage().WriteStateAsync(StateName, hook.GetGrainId(), new GrainState<WebhookState>(new WebhookState
        {
            Exists = true,
            WebhookId = hook.GetPrimaryKey(),
            OwnerId = borrower.UserId,
            Url = url,
            Events = [LoanEvents.LoanCreated],
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
            Enabled = true,
            Secret = current,
            PreviousSecret = previous,
            PreviousSecretExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        }));
        await _grains.GetGrain<IWebhookOwnerGrain>(borrower.UserId).AddAsync(hook.GetPrimaryKey(), [LoanEvents.LoanCreated]);

        await CreateLoanAsync(_grains, borrower);

        var sent = Assert.Single(await SentAsync(url, 1));
        Assert.Equal([current, previous], sent.Secrets.ToArray());
        // Recording that delivery was the item's next write.
        var stored = await EventuallyAsync(() => ReadAsync(hook), s => s.Deliveries.Count == 1 && s.Deliveries[0].Attempts.Count == 1,
            "the delivery recorded");
        Assert.Equal("", stored.Secret);
        Assert.Null(stored.PreviousSecret);
        Assert.False(string.IsNullOrEmpty(stored.ProtectedSecret));
        Assert.False(string.IsNullOrEmpty(stored.ProtectedPreviousSecret));
        AssertNoClearSecret(stored, current, previous);

        // The protected secrets are the same secrets: the next delivery is signed alike, and protecting them was no rotation.
        await CreateLoanAsync(_grains, borrower);
        Assert.Equal([current, previous], (await SentAsync(url, 2))[1].Secrets.ToArray());
        Assert.DoesNotContain(MemoryAuditStore.Instance.Entries,
            e => e.RecordId == hook.GetPrimaryKey().ToString() && e.Action == "webhook.secret_rotated");
    }

    private static void AssertNoClearSecret(WebhookState stored, params string[] secrets)
    {
        var json = JsonSerializer.Serialize(stored);
        Assert.DoesNotContain(WebhookSecrets.Prefix, json, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret[WebhookSecrets.Prefix.Length..], json, StringComparison.Ordinal));
    }

    private static string Url() => $"https://hooks.example.com/{Guid.NewGuid():N}";

    private async Task<IReadOnlyList<WebhookRequest>> SentAsync(string url, int count) =>
        await EventuallyAsync(() => Task.FromResult(_sender.SentTo(url)), s => s.Count >= count, $"{count} webhook request(s)");

    private async Task<WebhookState> ReadAsync(IWebhookGrain hook)
    {
        var stored = new GrainState<WebhookState>(new WebhookState());
        await Storage().ReadStateAsync(StateName, hook.GetGrainId(), stored);
        return stored.State!;
    }

    private IGrainStorage Storage() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Users);
}
