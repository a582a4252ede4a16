using System.Net;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// Email addresses stay out of what operators see of grains: storage keys, the grain ids stored with each item, and
/// the silo's log when storage fails. Grain states may hold an address (mail needs it); keys and logs may not.
/// </summary>
public sealed class EmailKeysEndToEndTests : IAsyncLifetime
{
    private StorageFaultHarness _system = null!;

    public async Task InitializeAsync() => _system = await StorageFaultHarness.StartAsync(throughProxy: false);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task RegisterInviteAccept_NoStorageKeyAndNoStorageErrorLogNamesTheAddress()
    {
        var api = _system.Client;
        var lenderEmail = TestApi.UniqueEmail("keyed-lender");
        var borrower = await api.NewUserAsync("Kay Borrower");
        // Invited before registering, then registered, verified (links the invitation) and accepted: every grain an
        // email reaches (account, lender index, loan's outbox delivery, invitee live stream) has written by then.
        var loanId = (await api.CreateLoanAsync(borrower, 1000m, (lenderEmail, 400m)))["loan_id"]!.GetValue<string>();
        var lender = await api.NewUserAsync("Lee Lender", lenderEmail);
        var invitations = await api.GetAsync("/api/v1/me/invitations", lender.Token);
        var participantId = Assert.Single(invitations.Json["data"]!.AsArray())!["participant_id"]!.GetValue<string>();
        var accepted = await api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody("Lee Lender"), lender.Token);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);

        var items = await AllItemsAsync();
        Assert.Contains(items, i => i["GrainId"].S.StartsWith("lender/", StringComparison.Ordinal));
        Assert.Contains(items, i => i["GrainId"].S.StartsWith("email/", StringComparison.Ordinal));
        foreach (var item in items)
        {
            Assert.DoesNotContain("@", item["PK"].S, StringComparison.Ordinal);
            Assert.DoesNotContain("@", item["GrainId"].S, StringComparison.Ordinal);
            foreach (var (name, value) in item.Where(a => a.Key is not StoredStates.PlainAttribute and not StoredStates.GzipAttribute))
            {
                Assert.False(value.S?.Contains(lenderEmail, StringComparison.OrdinalIgnoreCase) ?? false, $"{name} of {item["GrainId"].S} names the address");
            }

            // The accepted lender's bank account is stored only as ciphertext, whichever form the state is stored in.
            Assert.DoesNotContain(TestApi.SecretAccount, StoredStates.Text(item), StringComparison.Ordinal);
        }

        // A sign-up while storage is down: the account grain's read fails and the silo logs it.
        var failedEmail = TestApi.UniqueEmail("keyed-outage");
        _system.DynamoDb.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.RegisterAsync(failedEmail)).Status);
        await _system.DynamoDb.RestartAsync();

        // The failure is logged, naming the grain by its key.
        Assert.Contains("email/" + EmailKeys.FromBase64(TestSecrets.EmailKeySecret).For(failedEmail), _system.Silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(failedEmail, _system.Silo.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lenderEmail, _system.Silo.Output, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<List<Dictionary<string, AttributeValue>>> AllItemsAsync()
    {
        using var client = _system.DynamoDb.CreateClient();
        var items = new List<Dictionary<string, AttributeValue>>();
        var tables = await client.ListTablesAsync();
        foreach (var table in tables.TableNames)
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true, ExclusiveStartKey = start });
                items.AddRange(page.Items.Where(i => i.ContainsKey("GrainId")));
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);
        }

        return items;
    }
}
