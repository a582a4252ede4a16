using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;
using StandardWebhooks;

namespace PrivateLending.Api.Tests.Webhooks;

/// <summary>
/// A pending delivery survives the silo's death: the receiver answers 500, the only silo is killed (SIGKILL), and
/// the restarted silo's reminder service — reading our DynamoDB reminder table — wakes the endpoint, which sends
/// the stored delivery again with the same message id, without anyone touching the system.
/// </summary>
public sealed class WebhookRestartEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Reminders re-read after a restart tick on their period: lowered so the test stays short.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks__AllowLoopback"] = "true",
        ["Webhooks__FirstRetryDelay"] = "00:00:03",
        ["Webhooks__BackoffFactor"] = "1",
        ["Webhooks__ReminderPeriod"] = "00:00:02",
        ["Reminders__MinimumReminderPeriod"] = "00:00:02",
    };

    private readonly string _serviceId = $"whr-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"whr-{Guid.NewGuid():N}";
    private DynaliteServer _dynamoDb = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task PendingDelivery_SiloKilledAndRestarted_DeliveredAfterRestart()
    {
        string secret;
        int siloPort;
        _receiver.Answer("hooks/r", 500, 500);
        await using (var silo = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, settings: Settings))
        await using (var api = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl))
        {
            siloPort = silo.SiloPort;
            var client = new TestApi(api.Http);
            var borrower = await client.NewUserAsync("Bea Borrower");
            var created = await client.PostAsync("/api/v1/webhooks",
                new JsonObject { ["url"] = _receiver.Url("hooks/r"), ["events"] = new JsonArray("loan.created") }, borrower.Token);
            Assert.Equal(HttpStatusCode.Created, created.Status);
            secret = created.Json["secret"]!.GetValue<string>();
            await client.CreateLoanAsync(borrower, 700m);

            await _receiver.WaitAsync("hooks/r", 1);
            await silo.KillAsync();
        }

        var failed = _receiver.At("hooks/r")[0];
        await using var restarted = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, siloPort, Settings);

        var received = await _receiver.WaitAsync("hooks/r", 3);
        Assert.All(received, r => Assert.Equal(failed.Id, r.Id));
        Assert.Equal(200, received[^1].Answered);
        Assert.All(received, r => new StandardWebhook(secret).Verify(r.Body, r.Headers));
    }
}
