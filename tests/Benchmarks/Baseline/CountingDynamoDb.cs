using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PrivateLending.Benchmarks.Measurement;

namespace PrivateLending.Benchmarks.Baseline;

/// <summary>
/// The seed baseline's DynamoDB client: the low-level SDK client, wrapped so that every call is counted
/// (reads: GetItem, Query, BatchGetItem; writes: PutItem, UpdateItem, BatchWriteItem) — one count per HTTP call
/// to DynamoDB, the unit the seed's reports use ("13 calls", "27 calls").
/// </summary>
internal sealed class CountingDynamoDb : IStorageCounterSource, IDisposable
{
    private readonly AmazonDynamoDBClient _client;
    private long _reads;
    private long _writes;

    public CountingDynamoDb(Uri serviceUrl)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl.ToString().TrimEnd('/'),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
    }

    public IAmazonDynamoDB Raw => _client;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public Task<StorageSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new StorageSnapshot(Reads, Writes, 0, 0, 0, 0, 0, 0, new Dictionary<string, (double, double)>()));

    public Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return _client.GetItemAsync(request, cancellationToken);
    }

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return _client.QueryAsync(request, cancellationToken);
    }

    public Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return _client.BatchGetItemAsync(request, cancellationToken);
    }

    public Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _client.PutItemAsync(request, cancellationToken);
    }

    public Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _client.UpdateItemAsync(request, cancellationToken);
    }

    public Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return _client.BatchWriteItemAsync(request, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
