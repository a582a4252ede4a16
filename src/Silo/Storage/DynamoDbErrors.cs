using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>Sorts exceptions from the AWS SDK into the kinds the provider treats differently.</summary>
internal static class DynamoDbErrors
{
    // Error codes DynamoDB (and the SDK's generic service exception) use for "slow down".
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "LimitExceededException",
    };

    /// <summary>The request was refused for capacity and certainly not applied, so retrying it is safe.</summary>
    public static bool IsThrottle(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException => true,
        AmazonServiceException service => (service.ErrorCode is { } code && ThrottleCodes.Contains(code))
            || service.StatusCode == HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>
    /// No usable answer: no connection, a time-out or a server-side error. The request may or may not have been applied,
    /// which is why writes are conditional on a unique ETag (see <see cref="DynamoDbGrainStorage"/>).
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken callerToken)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException or SocketException or IOException or TimeoutException:
                    return true;
                case OperationCanceledException when !callerToken.IsCancellationRequested:
                    return true; // HttpClient reports its own time-out as a cancellation.
                case InternalServerErrorException:
                    return true;
                case AmazonServiceException service when (int)service.StatusCode >= 500 && !IsThrottle(service):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }
}
