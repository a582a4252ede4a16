using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>Makes sure the state table exists, serves requests (ACTIVE or UPDATING) and has the expected key before the silo serves grains.</summary>
internal sealed partial class DynamoDbTableInitializer
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbStorageOptions _options;
    private readonly DynamoDbCallPolicy _policy;
    private readonly string _providerName;
    private readonly ILogger _logger;

    public DynamoDbTableInitializer(IAmazonDynamoDB client, DynamoDbStorageOptions options, DynamoDbCallPolicy policy, string providerName, ILogger logger)
    {
        _client = client;
        _options = options;
        _policy = policy;
        _providerName = providerName;
        _logger = logger;
    }

    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var table = await DescribeAsync(cancellationToken);
        if (table is null)
        {
            if (!_options.CreateTableIfNotExists)
            {
                throw new OrleansConfigurationException(
                    $"DynamoDB table '{_options.TableName}' for grain storage '{_providerName}' does not exist and " +
                    $"{nameof(DynamoDbStorageOptions)}.{nameof(DynamoDbStorageOptions.CreateTableIfNotExists)} is false. " +
                    $"Create it with a single string hash key '{GrainStateItem.PartitionKey}', or allow the provider to create it.");
            }

            await CreateAsync(cancellationToken);
        }

        table = await WaitUntilUsableAsync(cancellationToken);
        EnsureKeySchema(table);
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var provisioned = _options.ProvisionedReadCapacityUnits is { } rcu && _options.ProvisionedWriteCapacityUnits is { } wcu
            ? new ProvisionedThroughput(rcu, wcu)
            : null;
        var request = new CreateTableRequest
        {
            TableName = _options.TableName,
            KeySchema = [new KeySchemaElement(GrainStateItem.PartitionKey, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(GrainStateItem.PartitionKey, ScalarAttributeType.S)],
            BillingMode = provisioned is null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
            ProvisionedThroughput = provisioned,
        };

        LogCreating(_logger, _options.TableName, _providerName, request.BillingMode.Value);
        try
        {
            await _policy.ExecuteAsync("CreateTable", ct => _client.CreateTableAsync(request, ct), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it between our DescribeTable and CreateTable; waiting for ACTIVE covers both cases.
        }
    }

    private async Task<TableDescription> WaitUntilUsableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.TableReadyTimeout);
        var pause = TimeSpan.FromMilliseconds(100);
        try
        {
            while (true)
            {
                // UPDATING serves reads and writes (a billing switch, an index build), so only CREATING is waited for.
                var table = await DescribeAsync(timeout.Token);
                switch (DynamoDbTableStatus.Of(table?.TableStatus))
                {
                    case DynamoDbTableStatus.Readiness.Usable:
                        return table!;
                    case DynamoDbTableStatus.Readiness.Unusable:
                        throw new OrleansConfigurationException(
                            $"Grain storage '{_providerName}': {DynamoDbTableStatus.Unusable(_options.TableName, table!.TableStatus)}");
                    default:
                        break;
                }

                await Task.Delay(pause, timeout.Token);
                pause = TimeSpan.FromMilliseconds(Math.Min(2000, pause.TotalMilliseconds * 2));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"DynamoDB table '{_options.TableName}' for grain storage '{_providerName}' did not become usable (ACTIVE or UPDATING) within {_options.TableReadyTimeout}.");
        }
    }

    private async Task<TableDescription?> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _policy.ExecuteAsync(
                "DescribeTable", ct => _client.DescribeTableAsync(new DescribeTableRequest { TableName = _options.TableName }, ct), cancellationToken);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    // Items written under another key layout would be invisible to this provider: refuse to start rather than lose them.
    private void EnsureKeySchema(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        var matches = keys.Count == 1
            && keys[0].AttributeName == GrainStateItem.PartitionKey
            && keys[0].KeyType == KeyType.HASH
            && (table.AttributeDefinitions ?? []).Any(a => a.AttributeName == GrainStateItem.PartitionKey && a.AttributeType == ScalarAttributeType.S);
        if (!matches)
        {
            throw new OrleansConfigurationException(
                $"DynamoDB table '{_options.TableName}' for grain storage '{_providerName}' has key schema " +
                $"[{string.Join(", ", keys.Select(k => $"{k.AttributeName} {k.KeyType}"))}]; expected a single string hash key '{GrainStateItem.PartitionKey}'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating DynamoDB table {Table} for grain storage {Provider} ({BillingMode})")]
    private static partial void LogCreating(ILogger logger, string table, string provider, string billingMode);
}
