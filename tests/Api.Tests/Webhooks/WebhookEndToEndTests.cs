using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;
using StandardWebhooks;

namespace PrivateLending.Api.Tests.Webhooks;

/// <summary>
/// Webhooks through the whole system: the API, the real silo executable (its HTTP sender, retries from a
/// durable queue in local DynamoDB) and a real HTTP receiver on loopback that verifies every signature with the
/// StandardWebhooks library, as an integrator's receiver would. The silo encrypts its Data Protection keys with a
/// certificate, as in production.
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Loopback targets allowed (the receiver is local); retries after 1 s instead of 5 s.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks__AllowLoopback"] = "true",
        ["Webhooks__FirstRetryDelay"] = "00:00:01",
        ["Webhooks__BackoffFactor"] = "1",
    };

    private readonly string _serviceId = $"wh-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"wh-{Guid.NewGuid():N}";
    private readonly string _folder = Directory.CreateTempSubdirectory("wh-keys-").FullName;
    private DynaliteServer _dynamoDb = null!;
    private SiloProcess _silo = null!;
    private ApiHost _api = null!;
    private WebhookReceiver _receiver = null!;
    private TestApi _client = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        var settings = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in TestCertificates.SiloSettings(_folder))
        {
            settings[key] = value;
        }

        _silo = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, settings: settings);
        _api = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl);
        _client = new TestApi(_api.Http);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
        await _dynamoDb.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Webhook_ReceiverAnswers500First_RetriedSignedListedReplayedAndRotated()
    {
        var borrower = await _client.NewUserAsync("Bea Borrower");
        _receiver.Answer("hooks/a", 500);
        var (webhookId, secret) = await RegisterAsync(borrower, "hooks/a", "loan.created", "lender.invited");

        var loan = await _client.CreateLoanAsync(borrower, 1000m, (TestApi.UniqueEmail("lender"), 400m));

        // Two events; the first request was answered 500, so three requests, the retry carrying the failed one's id.
        var received = await _receiver.WaitAsync("hooks/a", 3);
        Assert.All(received, r => new StandardWebhook(secret).Verify(r.Body, r.Headers));
        var failed = received.Single(r => r.Answered == 500);
        Assert.Contains(received, r => r.Id == failed.Id && r.Answered == 200);
        Assert.Equal(["lender.invited", "loan.created"], received.Select(r => JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()).Distinct().Order());
        Assert.All(received, r => Assert.Equal(loan["loan_id"]!.GetValue<string>(), JsonNode.Parse(r.Body)!["data"]!["loan_id"]!.GetValue<string>()));

        var deliveries = await EventuallyAsync(() => _client.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries", borrower.Token),
            d => d.Json["data"]!.AsArray().All(x => x!["status"]!.GetValue<string>() == "SUCCEEDED"));
        var retried = deliveries.Json["data"]!.AsArray().Single(d => d!["delivery_id"]!.GetValue<string>() == failed.Id)!;
        Assert.Equal([500, 200], retried["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));

        var replay = await _client.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{failed.Id}/replay", null, borrower.Token);
        Assert.Equal(HttpStatusCode.Accepted, replay.Status);
        var replayed = (await _receiver.WaitAsync("hooks/a", 4))[3];
        Assert.Equal(failed.Id, replayed.Id);
        new StandardWebhook(secret).Verify(replayed.Body, replayed.Headers);

        // After a rotation both secrets verify the next delivery on their own: it carries both signatures.
        var rotated = await _client.PostAsync($"/api/v1/webhooks/{webhookId}/rotate-secret", null, borrower.Token);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = rotated.Json["secret"]!.GetValue<string>();
        Assert.NotEqual(secret, newSecret);
        await _client.CreateLoanAsync(borrower, 300m);
        var afterRotation = (await _receiver.WaitAsync("hooks/a", 5))[4];
        var signatures = afterRotation.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(newSecret).Verify(afterRotation.Body, afterRotation.Headers);
        // The library checks only the first of several signatures, so the previous secret is checked on its own one.
        new StandardWebhook(secret).Verify(afterRotation.Body, WithSignature(afterRotation.Headers, signatures[1]));

        // Secrets are shown once; another user cannot see the webhook at all.
        var shown = await _client.GetAsync($"/api/v1/webhooks/{webhookId}", borrower.Token);
        Assert.Null(shown.Json["secret"]);
        var stranger = await _client.NewUserAsync("Sam Stranger");
        ProblemAssert.IsProblem(await _client.GetAsync($"/api/v1/webhooks/{webhookId}", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");

        // At rest neither secret is in any item, and the keys that protect them are themselves encrypted.
        var items = await StoredItemsAsync();
        Assert.All(items, item =>
        {
            Assert.DoesNotContain("whsec_", item.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret["whsec_".Length..], item.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(newSecret["whsec_".Length..], item.Text, StringComparison.Ordinal);
        });
        var siloKeys = Assert.Single(items, i => i.GrainId.EndsWith("/silo", StringComparison.Ordinal));
        Assert.Contains("encryptedSecret", siloKeys.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", siloKeys.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ReceiverAnswers410_DisabledThenReEnabled()
    {
        var borrower = await _client.NewUserAsync("Bea Borrower");
        _receiver.Answer("hooks/gone", 410);
        var (webhookId, _) = await RegisterAsync(borrower, "hooks/gone", "loan.created");

        await _client.CreateLoanAsync(borrower, 500m);

        var disabled = await EventuallyAsync(() => _client.GetAsync($"/api/v1/webhooks/{webhookId}", borrower.Token),
            w => !w.Json["enabled"]!.GetValue<bool>());
        Assert.Equal("gone", disabled.Json["disabled_reason"]!.GetValue<string>());
        ProblemAssert.IsProblem(
            await _client.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{_receiver.At("hooks/gone")[0].Id}/replay", null, borrower.Token),
            HttpStatusCode.Conflict, "CONFLICT");

        var enabled = await _client.PostAsync($"/api/v1/webhooks/{webhookId}/enable", null, borrower.Token);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.True(enabled.Json["enabled"]!.GetValue<bool>());
        var listed = await _client.GetAsync("/api/v1/webhooks", borrower.Token);
        Assert.Equal(webhookId, Assert.Single(listed.Json["data"]!.AsArray())!["webhook_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWebhook_PrivateLinkLocalOrNonHttpTarget_Refused()
    {
        var user = await _client.NewUserAsync();

        // One silo for all cases: starting it dominates this test's time.
        foreach (var url in new[] { "http://10.0.0.7/hook", "http://192.168.1.20/hook", "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/hook", "ftp://hooks.example.com/" })
        {
            var refused = await _client.PostAsync("/api/v1/webhooks",
                new JsonObject { ["url"] = url, ["events"] = new JsonArray("loan.created") }, user.Token);

            ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            ProblemAssert.HasFieldError(refused, "url");
        }

        Assert.Empty((await _client.GetAsync("/api/v1/webhooks", user.Token)).Json["data"]!.AsArray());
    }

    private async Task<(string Id, string Secret)> RegisterAsync(TestUser user, string path, params string[] events)
    {
        var created = await _client.PostAsync("/api/v1/webhooks",
            new JsonObject { ["url"] = _receiver.Url(path), ["events"] = new JsonArray([.. events.Select(e => JsonValue.Create(e))]) }, user.Token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Json["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        return (created.Json["webhook_id"]!.GetValue<string>(), secret);
    }

    /// <summary>Every item of the grain-state table: its grain id and all its values as text, the state decompressed.</summary>
    private async Task<List<(string GrainId, string Text)>> StoredItemsAsync()
    {
        using var client = _dynamoDb.CreateClient();
        var items = await StoredStates.ScanAsync(client, _table);
        return [.. items.Select(item => (item.TryGetValue("GrainId", out var id) ? id.S ?? "" : "", StoredStates.Text(item)))];
    }

    private static HeaderDictionary WithSignature(IHeaderDictionary headers, string signature) =>
        new(headers.ToDictionary(h => h.Key, h => h.Key.Equals("webhook-signature", StringComparison.OrdinalIgnoreCase)
            ? new Microsoft.Extensions.Primitives.StringValues(signature) : h.Value, StringComparer.OrdinalIgnoreCase));

    private static async Task<ApiResponse> EventuallyAsync(Func<Task<ApiResponse>> probe, Func<ApiResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await probe();
            if (response.Status == HttpStatusCode.OK && done(response))
            {
                return response;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out; last answer {response.Status}: {response.Body}");
            await Task.Delay(200);
        }
    }
}
