using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// An audit entry survives the death of the process that made the change: the audit table refuses every write
/// (throttled through <see cref="DynamoDbThrottlingProxy"/>) while a loan is created, the only silo is killed
/// (SIGKILL) before the entry is delivered, and the restarted silo's outbox reminder — read back from our DynamoDB
/// reminder table — delivers it without anyone touching the loan. Readers then see each entry exactly once.
/// </summary>
public sealed class AuditRestartEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromSeconds(60);

    private readonly string _serviceId = $"aur-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"aur-{Guid.NewGuid():N}";
    private readonly string _auditTable = $"aur-audit-{Guid.NewGuid():N}";
    private readonly string _adminEmail = TestApi.UniqueEmail("admin");
    private DynaliteServer _dynamoDb = null!;
    private DynamoDbThrottlingProxy _proxy = null!;

    /// <summary>Reminders re-read after a restart tick on their period: lowered so the test stays short.</summary>
    private Dictionary<string, string> SiloSettings => new()
    {
        ["DynamoDb__AuditTableName"] = _auditTable,
        ["OutboxReminder__Period"] = "00:00:02",
        ["Reminders__MinimumReminderPeriod"] = "00:00:02",
    };

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        _proxy = DynamoDbThrottlingProxy.Start(_dynamoDb.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task LoanCreated_SiloKilledBeforeAuditDelivery_EntryDeliveredOnceAfterRestart()
    {
        TestUser borrower;
        string loanId, participantId;
        int siloPort;
        await using (var silo = await StartSiloAsync())
        await using (var api = await StartApiAsync())
        {
            siloPort = silo.SiloPort;
            var client = new TestApi(api.Http);
            var admin = await client.NewUserAsync("Ada Admin", _adminEmail);
            borrower = await client.NewUserAsync("Bea Borrower");

            // From here on the audit table refuses every write; the loan's own table and every other one still work.
            _proxy.ThrottleTables = [_auditTable];
            _proxy.Throttle = ["BatchWriteItem"];
            var created = await client.PostAsync("/api/v1/loans", TestApi.LoanBody(900m, (TestApi.UniqueEmail("lender"), 400m)), borrower.Token);
            Assert.True(created.Status == HttpStatusCode.Created, $"Creating the loan answered {(int)created.Status}: {created.Body}");
            loanId = created.Json["loan_id"]!.GetValue<string>();
            participantId = created.Json["participants"]![0]!["participant_id"]!.GetValue<string>();

            // The delivery was attempted and refused, so nothing reached the audit table before the kill.
            Assert.True(await WaitForAsync(
                () => Task.FromResult(_proxy.ThrottledCounts.GetValueOrDefault("BatchWriteItem") > 0), TimeSpan.FromSeconds(30)),
                "The silo never tried to write the audit entry.");
            Assert.Empty(await EntriesAsync(client, admin.Token, $"record_type=loan&record_id={loanId}"));
            Assert.Empty(await EntriesAsync(client, admin.Token, $"record_type=participant&record_id={participantId}"));

            await silo.KillAsync();
        }

        _proxy.Throttle = [];
        await using var restarted = await StartSiloAsync(siloPort);
        await using var newApi = await StartApiAsync();
        var after = new TestApi(newApi.Http);
        var adminToken = await after.LoginAsync(_adminEmail);

        // Nobody touches the loan: only the outbox reminder can activate it and send the stored entries.
        List<JsonNode> loanEntries = [], participantEntries = [];
        var delivered = await WaitForAsync(async () =>
        {
            loanEntries = await EntriesAsync(after, adminToken, $"record_type=loan&record_id={loanId}");
            participantEntries = await EntriesAsync(after, adminToken, $"record_type=participant&record_id={participantId}");
            return loanEntries.Count > 0 && participantEntries.Count > 0;
        }, DeliveryBound);
        Assert.True(delivered, $"No audit entry for loan {loanId} within {DeliveryBound.TotalSeconds} s of the restart.\n{restarted.Output}");

        var entry = Assert.Single(loanEntries);
        Assert.Equal("loan.created", entry["action"]!.GetValue<string>());
        Assert.Equal(loanId, entry["record_id"]!.GetValue<string>());
        Assert.Equal(borrower.UserId.ToString(), entry["actor_id"]!.GetValue<string>());
        var invited = Assert.Single(participantEntries);
        Assert.Equal("lender.invited", invited["action"]!.GetValue<string>());
        Assert.Equal(borrower.UserId.ToString(), invited["actor_id"]!.GetValue<string>());
    }

    private Task<SiloProcess> StartSiloAsync(int? siloPort = null) =>
        SiloProcess.StartAsync(_proxy.ServiceUrl, _table, _serviceId, StartTimeout, siloPort, SiloSettings);

    private Task<ApiHost> StartApiAsync() => ApiHost.StartForClusterAsync(
        _serviceId, _dynamoDb.ServiceUrl, new Dictionary<string, string?> { ["Auth:AdminEmails:0"] = _adminEmail });

    private static async Task<List<JsonNode>> EntriesAsync(TestApi client, string adminToken, string filter)
    {
        var response = await client.GetAsync($"/api/v1/audit?{filter}&limit=100", adminToken);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. response.Json["data"]!.AsArray().Select(e => e!)];
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
