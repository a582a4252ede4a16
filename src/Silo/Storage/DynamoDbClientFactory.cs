using Amazon.DynamoDBv2;
using PrivateLending.Clustering;

namespace PrivateLending.Silo.Storage;

/// <summary>Builds the SDK client from <see cref="DynamoDbStorageOptions"/>.</summary>
internal static class DynamoDbClientFactory
{
    // DynamoDbCallPolicy owns retries; SDK retries on top would multiply attempts and hide throttling from metrics.
    public static AmazonDynamoDBClient Create(DynamoDbStorageOptions options) =>
        DynamoDbClients.Create(options.ServiceUrl, options.Region, options.AccessKey, options.SecretKey, options.RequestTimeout, maxErrorRetry: 0);
}
