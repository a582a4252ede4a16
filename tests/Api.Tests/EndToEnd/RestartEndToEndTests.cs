using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// The whole system as it runs in production: the API over HTTP, the real silo executable, our DynamoDB storage
/// against a real local DynamoDB. The silo is killed (SIGKILL) and everything acknowledged is still there after.
/// </summary>
public sealed class RestartEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _serviceId = $"e2e-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"e2e-{Guid.NewGuid():N}";
    private DynaliteServer _dynamoDb = null!;

    public async Task InitializeAsync() => _dynamoDb = await DynaliteServer.StartAsync();

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    [Fact]
    public async Task MarketplaceFlow_SiloKilledAndRestarted_EverythingStillThere()
    {
        string loanId, secondLoanId, participantId, nextToken;
        TestUser borrower;
        int siloPort;
        var lenderEmail = TestApi.UniqueEmail("lender");

        await using (var silo = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout))
        await using (var api = await StartApiAsync())
        {
            siloPort = silo.SiloPort;
            var client = new TestApi(api.Http);
            borrower = await client.NewUserAsync("Bea Borrower");

            // The lender has no account yet when invited.
            var loan = await client.CreateLoanAsync(borrower, 1500m, (lenderEmail, 1000m));
            loanId = loan["loan_id"]!.GetValue<string>();
            secondLoanId = (await client.CreateLoanAsync(borrower, 200m))["loan_id"]!.GetValue<string>();

            var lender = await client.NewUserAsync("Lee Lender", lenderEmail);
            var invitations = await client.GetAsync("/api/v1/me/invitations", lender.Token);
            Assert.Equal(HttpStatusCode.OK, invitations.Status);
            participantId = Assert.Single(invitations.Json["data"]!.AsArray())!["participant_id"]!.GetValue<string>();

            var accepted = await client.PostAsync(
                $"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody("Lee Lender"), lender.Token);
            Assert.Equal(HttpStatusCode.OK, accepted.Status);

            var firstPage = await client.GetAsync("/api/v1/me/loans?limit=1", borrower.Token);
            Assert.True(firstPage.Json["has_more"]!.GetValue<bool>());
            nextToken = firstPage.Json["next_token"]!.GetValue<string>();

            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, siloPort);
        await using var newApi = await StartApiAsync();
        var after = new TestApi(newApi.Http);

        // Accounts survived: both users can log in again.
        var borrowerToken = await after.LoginAsync(borrower.Email);
        var lenderToken = await after.LoginAsync(lenderEmail);

        var reloaded = await after.GetAsync($"/api/v1/loans/{loanId}", borrowerToken);
        Assert.Equal(HttpStatusCode.OK, reloaded.Status);
        Assert.Equal("PENDING", reloaded.Json["status"]!.GetValue<string>());
        Assert.Equal(1000m, reloaded.Json["total_funded"]!.GetValue<decimal>());
        var participant = Assert.Single(reloaded.Json["participants"]!.AsArray())!;
        Assert.Equal(participantId, participant["participant_id"]!.GetValue<string>());
        Assert.Equal("ACCEPTED", participant["status"]!.GetValue<string>());
        Assert.Equal("Lee Lender", participant["lender_name"]!.GetValue<string>());
        Assert.Equal(TestApi.SecretAccount[^4..], participant["ach"]!["account_last4"]!.GetValue<string>());

        // A paging token sealed before the restart still opens: the data-protection keys are durable.
        var secondPage = await after.GetAsync($"/api/v1/me/loans?limit=1&next_token={Uri.EscapeDataString(nextToken)}", borrowerToken);
        Assert.Equal(HttpStatusCode.OK, secondPage.Status);
        var pagedIds = new[] { loanId, secondLoanId };
        Assert.Contains(Assert.Single(secondPage.Json["data"]!.AsArray())!["loan_id"]!.GetValue<string>(), pagedIds);

        var portfolio = await after.GetAsync("/api/v1/me/portfolio", lenderToken);
        Assert.Equal(1000m, portfolio.Json["total_committed"]!.GetValue<decimal>());
        Assert.Equal(loanId, Assert.Single(portfolio.Json["data"]!.AsArray())!["loan_id"]!.GetValue<string>());

        // And the system still works: the borrower can fund the rest after the restart.
        var added = await after.PostAsync($"/api/v1/loans/{loanId}/lenders",
            new JsonObject { ["lenders"] = TestApi.Lenders((lenderEmail.Replace("lender", "second", StringComparison.Ordinal), 500m)) },
            borrowerToken);
        Assert.Equal(HttpStatusCode.Created, added.Status);

        // Invitation mail arrived over SMTP, and only once: the restart re-activated the loan, whose stored outbox
        // may still list the mail, and the second invitation made the loan deliver its outbox again.
        var second = lenderEmail.Replace("lender", "second", StringComparison.Ordinal);
        var secondMail = await InvitationMailAsync(second);
        Assert.Contains("Bea Borrower invites you to lend $500.00 towards a loan of $1,500.00", secondMail.Text, StringComparison.Ordinal);
        var invitation = Assert.Single(TestSmtpServer.Shared.Received, m => m.To == lenderEmail && m.Subject.Contains("invites you", StringComparison.Ordinal));
        Assert.Equal("Bea Borrower invites you to fund a loan", invitation.Subject);
        Assert.Contains("Bea Borrower invites you to lend $1,000.00 towards a loan of $1,500.00", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("Purpose: Kitchen renovation", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("/app/", invitation.Text, StringComparison.Ordinal);
    }

    private static async Task<ReceivedMail> InvitationMailAsync(string to)
    {
        for (var i = 0; i < 200; i++)
        {
            if (TestSmtpServer.Shared.Received.FirstOrDefault(m => m.To == to && m.Subject.Contains("invites you", StringComparison.Ordinal)) is { } mail)
            {
                return mail;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No invitation mail arrived for {to}.");
    }

    private Task<ApiHost> StartApiAsync() => ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl);
}
