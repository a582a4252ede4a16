using System.Globalization;
using System.Net;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// The funding deadline survives a silo's death: the loan is created, the only silo is killed (SIGKILL) before the
/// deadline, and the restarted silo's reminder service — reading our DynamoDB reminder table — expires the loan
/// without anyone touching it. Then the API shows it EXPIRED and refuses changes.
/// </summary>
public sealed class FundingDeadlineEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Reminders re-read after a restart tick on their period: lowered so the test stays short.</summary>
    private static readonly Dictionary<string, string> FastReminders = new()
    {
        ["Reminders__MinimumReminderPeriod"] = "00:00:02",
        ["FundingDeadline__RetryPeriod"] = "00:00:02",
    };

    private readonly string _serviceId = $"dl-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"dl-{Guid.NewGuid():N}";
    private DynaliteServer _dynamoDb = null!;

    public async Task InitializeAsync() => _dynamoDb = await DynaliteServer.StartAsync();

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    [Fact]
    public async Task Deadline_SiloKilledBeforeIt_RestartedSiloExpiresTheLoanUntouched()
    {
        string loanId, participantId, deadline;
        TestUser borrower, lender;
        int siloPort;

        await using (var silo = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, settings: FastReminders))
        await using (var api = await StartApiAsync())
        {
            siloPort = silo.SiloPort;
            var client = new TestApi(api.Http);
            borrower = await client.NewUserAsync("Bea Borrower");
            lender = await client.NewUserAsync("Lee Lender");
            var body = TestApi.LoanBody(1000m, (lender.Email, 400m));
            body["funding_deadline"] = DateTimeOffset.UtcNow.AddSeconds(6).ToString("O", CultureInfo.InvariantCulture);
            var created = await client.PostAsync("/api/v1/loans", body, borrower.Token);
            Assert.Equal(HttpStatusCode.Created, created.Status);
            loanId = created.Json["loan_id"]!.GetValue<string>();
            deadline = created.Json["funding_deadline"]!.GetValue<string>();
            participantId = created.Json["participants"]![0]!["participant_id"]!.GetValue<string>();
            // The lender's index hears of the invitation from the loan's outbox, after the create answered.
            var pending = 0;
            for (var i = 0; i < 200 && pending == 0; i++, await Task.Delay(50))
            {
                pending = (await client.GetAsync("/api/v1/me/invitations?status=PENDING", lender.Token)).Json["count"]!.GetValue<int>();
            }

            Assert.Equal(1, pending);

            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, siloPort, FastReminders);

        // Nobody calls the loan: only the durable reminder can activate it and expire it.
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!restarted.Output.Contains($"Loan {loanId} expired", StringComparison.OrdinalIgnoreCase))
        {
            Assert.True(DateTime.UtcNow < until, $"The loan did not expire.\n{restarted.Output}");
            await Task.Delay(250);
        }

        await using var newApi = await StartApiAsync();
        var after = new TestApi(newApi.Http);
        var (borrowerToken, lenderToken) = (await after.LoginAsync(borrower.Email), await after.LoginAsync(lender.Email));

        var loan = await after.GetAsync($"/api/v1/loans/{loanId}", borrowerToken);
        Assert.Equal("EXPIRED", loan.Json["status"]!.GetValue<string>());
        Assert.Equal(deadline, loan.Json["funding_deadline"]!.GetValue<string>());
        var accept = await after.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody("Lee Lender"), lenderToken);
        Assert.Equal(HttpStatusCode.Conflict, accept.Status);
        Assert.Equal(0, (await after.GetAsync("/api/v1/me/invitations?status=PENDING", lenderToken)).Json["count"]!.GetValue<int>());
        var mine = await after.GetAsync("/api/v1/me/loans", borrowerToken);
        Assert.Equal(loanId, Assert.Single(mine.Json["data"]!.AsArray())!["loan_id"]!.GetValue<string>());
    }

    private Task<ApiHost> StartApiAsync() => ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl);
}
