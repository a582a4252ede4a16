using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Reminders;

/// <summary>
/// Runs one reminder-table request and turns an AWS failure into our own exception with the AWS error in its message
/// only: the reminder service answers grains on other silos (and through them the API), and Orleans cannot
/// serialise AWS exceptions, so an inner AWS exception would arrive as a serialisation error.
/// </summary>
internal static class ReminderTableErrors
{
    private static readonly TimeSpan ThrottledRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MissingTableRetryAfter = TimeSpan.FromSeconds(30);

    public static async Task<T> RunAsync<T>(string operation, string table, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (Translate(ex, operation, table, cancellationToken) is { } ours)
        {
            throw ours;
        }
    }

    /// <summary>Our exception for <paramref name="exception"/>, or null when it is not an AWS failure (it then passes unchanged).</summary>
    public static Exception? Translate(Exception exception, string operation, string table, CancellationToken cancellationToken)
    {
        var error = Describe(exception);
        if (DynamoDbErrors.IsThrottle(exception))
        {
            StorageMetrics.CountThrottle(exception, StorageMetrics.RemindersProvider);
            // Grains register reminders inside client requests (a loan's funding deadline): the API answers these
            // with 429 / 503 + Retry-After, like grain storage's, instead of an unknown error.
            return new StorageThrottledException($"DynamoDB throttled reminder {operation} on table '{table}' ({error}).", ThrottledRetryAfter);
        }

        if (exception is ResourceNotFoundException)
        {
            return new StorageUnavailableException($"The reminder table '{table}' does not exist ({operation}: {error}).", MissingTableRetryAfter);
        }

        if (DynamoDbErrors.IsUnavailable(exception, cancellationToken))
        {
            return new StorageUnavailableException($"The reminder table '{table}' is unavailable ({operation}: {error}).", UnavailableRetryAfter);
        }

        return exception is AmazonServiceException or AmazonClientException
            ? new ReminderTableException($"Reminder {operation} on DynamoDB table '{table}' failed: {error}")
            : null;
    }

    private static string Describe(Exception exception) => exception is AmazonServiceException { ErrorCode: { Length: > 0 } code } && code != exception.GetType().Name
        ? $"{exception.GetType().Name} {code}: {exception.Message}"
        : $"{exception.GetType().Name}: {exception.Message}";
}
