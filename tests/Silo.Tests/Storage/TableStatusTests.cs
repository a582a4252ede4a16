using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using PrivateLending.Silo.Audit;
using PrivateLending.Silo.Clustering;
using PrivateLending.Silo.Reminders;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// Start-up of every provider (grain storage, membership, reminders, audit) by the table's status: UPDATING (a billing
/// switch, an index being built) serves reads and writes, so it is used at once; CREATING is waited for; DELETING
/// cannot become usable, so it fails at once and says why.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class TableStatusTests(DynaliteFixture dynalite)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(4);

    public static TheoryData<string> Providers() => ["storage", "membership", "reminders", "audit"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Start_TableUpdating_StartsWithoutWaiting(string provider)
    {
        using (var plain = dynalite.CreateClient())
        {
            await StartAsync(provider, plain);
        }

        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        faults.AlterAnswer = (_, answer) => SetStatus(answer, TableStatus.UPDATING);
        var clock = Stopwatch.StartNew();

        await StartAsync(provider, client);

        Assert.True(clock.Elapsed < ReadyTimeout, $"Start took {clock.Elapsed}.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Start_TableDeleting_FailsAtOnceNamingTheStatus(string provider)
    {
        using (var plain = dynalite.CreateClient())
        {
            await StartAsync(provider, plain);
        }

        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        faults.AlterAnswer = (_, answer) => SetStatus(answer, TableStatus.DELETING);

        var failure = await Record.ExceptionAsync(() => StartAsync(provider, client));

        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure);
        Assert.Contains("DELETING", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Start_TableCreating_WaitsUntilActive(string provider)
    {
        using (var plain = dynalite.CreateClient())
        {
            await StartAsync(provider, plain);
        }

        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        var describes = 0;
        faults.AlterAnswer = (_, answer) =>
        {
            if (answer is DescribeTableResponse && Interlocked.Increment(ref describes) <= 2)
            {
                SetStatus(answer, TableStatus.CREATING);
            }
        };

        await StartAsync(provider, client);

        Assert.True(describes > 2, $"Start described the table {describes} times.");
    }

    private static void SetStatus(object? answer, TableStatus status)
    {
        if (answer is DescribeTableResponse { Table: { } table })
        {
            table.TableStatus = status;
        }
    }

    /// <summary>Starts one provider on its usual test table over <paramref name="client"/>, then disposes it.</summary>
    private async Task StartAsync(string provider, IAmazonDynamoDB client)
    {
        switch (provider)
        {
            case "storage":
                using (var storage = await StorageTestHost.StartAsync(dynalite, o => o.TableReadyTimeout = ReadyTimeout, client))
                {
                    return;
                }

            case "membership":
                var options = Clustering.MembershipTestHost.Options(dynalite);
                options.TableReadyTimeout = ReadyTimeout;
                using (var membership = new DynamoDbMembershipTable(options, Clustering.MembershipTestHost.NewClusterId(), NullLogger<DynamoDbMembershipTable>.Instance, client))
                {
                    await membership.InitializeMembershipTableAsync(true);
                    return;
                }

            case "audit":
                var auditOptions = Clustering.MembershipTestHost.Options(dynalite);
                auditOptions.TableReadyTimeout = ReadyTimeout;
                await AuditTable.EnsureAsync(client, "audit-status-tests", auditOptions, CancellationToken.None);
                return;

            default:
                var reminderOptions = new DynamoDbReminderOptions
                {
                    ServiceUrl = dynalite.ServiceUrl,
                    Region = "us-east-1",
                    AccessKey = "local",
                    SecretKey = "local",
                    ReminderTableName = "reminder-tests",
                    TableReadyTimeout = ReadyTimeout,
                };
                using (var reminders = new DynamoDbReminderTable(reminderOptions, $"service-{Guid.NewGuid():N}", client))
                {
                    await reminders.StartAsync();
                    return;
                }
        }
    }
}
