using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace PrivateLending.Silo.Tests.Audit;

/// <summary>
/// A real client to dynalite that records the size of every <c>BatchWriteItem</c> request, and can answer the first
/// one as the service does under load: writing only part of it and returning the rest as unprocessed.
/// </summary>
internal sealed class BatchCountingClient(string serviceUrl) : AmazonDynamoDBClient(
    new BasicAWSCredentials("local", "local"),
    new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromSeconds(30) })
{
    private readonly ConcurrentQueue<int> _sizes = new();
    private int _leftUnprocessed;

    /// <summary>How many items of the first request to leave unprocessed (0: none).</summary>
    public int LeaveUnprocessedOnce { get; init; }

    public IReadOnlyList<int> BatchSizes => [.. _sizes];

    public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        var (table, writes) = request.RequestItems.Single();
        _sizes.Enqueue(writes.Count);
        if (LeaveUnprocessedOnce > 0 && Interlocked.Exchange(ref _leftUnprocessed, 1) == 0)
        {
            var keep = writes.Count - LeaveUnprocessedOnce;
            await base.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = writes[..keep] } }, cancellationToken);
            return new BatchWriteItemResponse { UnprocessedItems = new() { [table] = writes[keep..] } };
        }

        return await base.BatchWriteItemAsync(request, cancellationToken);
    }
}
