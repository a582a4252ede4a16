using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Reminders;
using PrivateLending.Silo.Storage;
using PrivateLending.Silo.Tests.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Reminders;

/// <summary>
/// A failing reminder call may be answered to another silo (or to the API): the exception must survive Orleans'
/// serialiser, so it carries no AWS exception inside, only our own types with the AWS error in the message.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class ReminderTableFaultTests(DynaliteFixture dynalite)
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static TheoryData<string, string> Faults()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in new[] { "Upsert", "ReadRow", "ReadRowsByGrain", "ReadRowsByRange", "Remove" })
        {
            foreach (var fault in new[] { "throttle", "server-error", "no-connection", "validation" })
            {
                data.Add(operation, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Operation_DynamoDbFails_ThrowsOwnExceptionWithoutAwsTypesThatSurvivesSerialisation(string operation, string fault)
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var table = new DynamoDbReminderTable(Options(), $"service-{Guid.NewGuid():N}", client);
        await table.StartAsync();
        var grain = GrainId.Create("loan", Guid.NewGuid().ToString("N"));
        faults.FailBefore = method => method is "DescribeTableAsync" ? null : Fault(fault);

        var thrown = await Record.ExceptionAsync(() => Run(table, operation, grain));

        Assert.NotNull(thrown);
        Assert.All(Graph(thrown), e => Assert.False(IsAws(e), $"{e.GetType().FullName} is in the exception graph of {thrown.GetType().Name}."));
        Assert.Contains(fault == "no-connection" ? nameof(HttpRequestException) : AwsErrorName(fault), thrown.Message, StringComparison.Ordinal);
        var received = Serializer.Deserialize<Exception>(Serializer.SerializeToArray(thrown)) ?? throw new InvalidOperationException("Nothing was deserialised.");
        Assert.Equal(thrown.GetType(), received.GetType());
        Assert.Equal(thrown.Message, received.Message);
    }

    [Fact]
    public async Task UpsertRow_Throttled_ThrowsStorageThrottledWithRetryHint()
    {
        using var real = dynalite.CreateClient();
        var (client, faults) = FaultInjectingDynamoDb.Wrap(real);
        using var table = new DynamoDbReminderTable(Options(), $"service-{Guid.NewGuid():N}", client);
        await table.StartAsync();
        faults.FailBefore = method => method is "PutItemAsync" ? Fault("throttle") : null;
        using var counters = new ProviderCounters(StorageMetrics.RemindersProvider);

        var thrown = await Assert.ThrowsAsync<StorageThrottledException>(
            () => Run(table, "Upsert", GrainId.Create("loan", Guid.NewGuid().ToString("N"))));

        Assert.Null(thrown.InnerException);
        Assert.True(thrown.RetryAfter > TimeSpan.Zero);
        Assert.Equal(1, counters.Of("privatelending.storage.throttles"));
    }

    private static Exception Fault(string fault) => fault switch
    {
        "throttle" => new ProvisionedThroughputExceededException("slow down"),
        "server-error" => new InternalServerErrorException("boom") { StatusCode = HttpStatusCode.InternalServerError },
        "no-connection" => new HttpRequestException("connection refused"),
        _ => new AmazonDynamoDBException("One or more parameter values were invalid") { ErrorCode = "ValidationException", StatusCode = HttpStatusCode.BadRequest },
    };

    private static string AwsErrorName(string fault) => fault switch
    {
        "throttle" => nameof(ProvisionedThroughputExceededException),
        "server-error" => nameof(InternalServerErrorException),
        _ => "One or more parameter values were invalid",
    };

    private static Task Run(DynamoDbReminderTable table, string operation, GrainId grain) => operation switch
    {
        "Upsert" => table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) }),
        "ReadRow" => table.ReadRow(grain, "r"),
        "ReadRowsByGrain" => table.ReadRows(grain),
        "ReadRowsByRange" => table.ReadRows(0u, 0u),
        _ => table.RemoveRow(grain, "r", "etag"),
    };

    private static IEnumerable<Exception> Graph(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : (IEnumerable<Exception>)(exception.InnerException is { } one ? [one] : []);
        foreach (var child in inner.SelectMany(Graph))
        {
            yield return child;
        }
    }

    private static bool IsAws(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException
        || (exception.GetType().Namespace?.StartsWith("Amazon", StringComparison.Ordinal) ?? false);

    private DynamoDbReminderOptions Options() => new()
    {
        ServiceUrl = dynalite.ServiceUrl,
        Region = "us-east-1",
        AccessKey = "local",
        SecretKey = "local",
        ReminderTableName = "reminder-tests",
    };
}
