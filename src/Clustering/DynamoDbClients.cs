using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace PrivateLending.Clustering;

/// <summary>Builds SDK clients from <see cref="DynamoDbConnectionOptions"/>.</summary>
public static class DynamoDbClients
{
    /// <summary>
    /// A client with the SDK's own retries (membership and reminder calls are few, and Orleans retries failed
    /// membership rounds itself), signed for the configured region even against a custom endpoint.
    /// </summary>
    public static AmazonDynamoDBClient Create(DynamoDbConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig { Timeout = options.RequestTimeout, MaxErrorRetry = 3 };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl;
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
