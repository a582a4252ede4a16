using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>Builds the SDK client from <see cref="DynamoDbStorageOptions"/>.</summary>
internal static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(DynamoDbStorageOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            // DynamoDbCallPolicy owns retries; SDK retries on top would multiply attempts and hide throttling from metrics.
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,
        };

        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl;
            // Requests to a custom endpoint are still signed for a region; local servers accept any.
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { Length: > 0 }
            ? new AmazonDynamoDBClient(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonDynamoDBClient(config);
    }
}
