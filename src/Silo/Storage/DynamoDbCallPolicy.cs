using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Runs one DynamoDB request with the provider's retry rules: throttling and transient failures are retried with
/// exponential backoff and jitter, then surfaced as <see cref="StorageThrottledException"/> or
/// <see cref="StorageUnavailableException"/>. Everything else (conditional-check failures included) passes through at once.
/// </summary>
/// <remarks>The SDK's own retries are switched off for clients the provider builds, so this is the only retry loop.</remarks>
internal sealed partial class DynamoDbCallPolicy
{
    private static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);

    private readonly DynamoDbStorageOptions _options;
    private readonly string _providerName;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _providerTag;

    public DynamoDbCallPolicy(DynamoDbStorageOptions options, string providerName, ILogger logger)
    {
        _options = options;
        _providerName = providerName;
        _logger = logger;
        _providerTag = new(StorageMetrics.ProviderTag, providerName);
    }

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds, fails for good, or the retries run out. The exceptions it
    /// raises name the AWS error but do not wrap it: Orleans cannot serialise AWS exceptions to grain callers.
    /// </summary>
    public async Task<TResult> ExecuteAsync<TResult>(string operation, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var throttled = 0;
        var failed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception ex) when (DynamoDbErrors.IsThrottle(ex))
            {
                StorageMetrics.Throttles.Add(1, _providerTag);
                var delay = Backoff(throttled);
                if (throttled++ >= _options.MaxThrottleRetries)
                {
                    throw new StorageThrottledException(
                        $"DynamoDB throttled {operation} on table '{_options.TableName}' (provider '{_providerName}') {throttled} times ({ex.GetType().Name}); giving up.",
                        RoundUpToSeconds(delay));
                }

                LogRetry(_logger, operation, _providerName, throttled, delay.TotalMilliseconds, ex.GetType().Name);
                await Task.Delay(delay, cancellationToken);
            }
            catch (Exception ex) when (DynamoDbErrors.IsUnavailable(ex, cancellationToken))
            {
                var delay = Backoff(failed);
                if (failed++ >= _options.MaxTransientRetries)
                {
                    throw new StorageUnavailableException(
                        $"DynamoDB could not be reached for {operation} on table '{_options.TableName}' (provider '{_providerName}'): {ex.GetType().Name}: {ex.Message}",
                        UnavailableRetryAfter);
                }

                LogRetry(_logger, operation, _providerName, failed, delay.TotalMilliseconds, ex.GetType().Name);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>Delay before retry number <paramref name="retry"/>+1: base·2^retry capped, then "equal jitter" (half fixed, half random).</summary>
    private TimeSpan Backoff(int retry)
    {
        var ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    // Retry-After travels to HTTP clients in whole seconds; never advise "retry now".
    private static TimeSpan RoundUpToSeconds(TimeSpan delay) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(delay.TotalSeconds)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "DynamoDB {Operation} for storage {Provider}: retry {Retry} in {DelayMs:F0} ms after {Error}")]
    private static partial void LogRetry(ILogger logger, string operation, string provider, int retry, double delayMs, string error);
}
