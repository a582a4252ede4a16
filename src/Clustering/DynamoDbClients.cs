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
        return Create(options.ServiceUrl, options.Region, options.AccessKey, options.SecretKey, options.RequestTimeout, maxErrorRetry: 3);
    }

    /// <summary>
    /// A client for an endpoint (AWS by region, or a custom URL such as local DynamoDB) with static credentials when
    /// given, else the SDK's credential chain. Requests to a custom endpoint are still signed for a region; local
    /// servers accept any.
    /// </summary>
    public static AmazonDynamoDBClient Create(
        string? serviceUrl, string? region, string? accessKey, string? secretKey, TimeSpan requestTimeout, int maxErrorRetry)
    {
        var config = new AmazonDynamoDBConfig { Timeout = requestTimeout, MaxErrorRetry = maxErrorRetry };
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return accessKey is { Length: > 0 }
            ? new AmazonDynamoDBClient(new BasicAWSCredentials(accessKey, secretKey), config)
            : new AmazonDynamoDBClient(config);
    }
}
