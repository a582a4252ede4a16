using System.Text.RegularExpressions;
using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Checks <see cref="DynamoDbStorageOptions"/> when the silo starts, so a bad setting stops the process with a message
/// naming it instead of surfacing later as a failed grain call.
/// </summary>
public sealed partial class DynamoDbStorageOptionsValidator : IConfigurationValidator
{
    private readonly DynamoDbStorageOptions _options;
    private readonly string _name;

    public DynamoDbStorageOptionsValidator(DynamoDbStorageOptions options, string name)
    {
        _options = options;
        _name = name;
    }

    public void ValidateConfiguration() => Validate(_options, _name);

    /// <summary>Throws <see cref="OrleansConfigurationException"/> naming the first invalid setting.</summary>
    public static void Validate(DynamoDbStorageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);

        // DynamoDB's own table-name rule, checked here so a typo fails at start and not at the first CreateTable.
        if (string.IsNullOrWhiteSpace(options.TableName) || !TableNamePattern().IsMatch(options.TableName))
        {
            Fail(name, nameof(options.TableName), $"'{options.TableName}' must be 3–255 characters of a–z, A–Z, 0–9, '_', '-' or '.'");
        }

        if (options.ServiceUrl is not null
            && (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            Fail(name, nameof(options.ServiceUrl), $"'{options.ServiceUrl}' must be an absolute http or https URL");
        }

        if (options.Region is not null && string.IsNullOrWhiteSpace(options.Region))
        {
            Fail(name, nameof(options.Region), "must be null (standard AWS chain) or a region name such as 'us-east-1'");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            Fail(name, $"{nameof(options.AccessKey)}/{nameof(options.SecretKey)}", "must be set together, or both left empty to use the standard AWS credential chain");
        }

        if (options.ServiceId is not null && string.IsNullOrWhiteSpace(options.ServiceId))
        {
            Fail(name, nameof(options.ServiceId), "must be null (use ClusterOptions.ServiceId) or non-blank");
        }

        if (options.ProvisionedReadCapacityUnits.HasValue != options.ProvisionedWriteCapacityUnits.HasValue)
        {
            Fail(name, $"{nameof(options.ProvisionedReadCapacityUnits)}/{nameof(options.ProvisionedWriteCapacityUnits)}",
                "must be set together (provisioned billing) or both left null (on-demand billing)");
        }

        CheckPositive(name, nameof(options.ProvisionedReadCapacityUnits), options.ProvisionedReadCapacityUnits ?? 1);
        CheckPositive(name, nameof(options.ProvisionedWriteCapacityUnits), options.ProvisionedWriteCapacityUnits ?? 1);
        CheckRange(name, nameof(options.MaxThrottleRetries), options.MaxThrottleRetries, 0, 30);
        CheckRange(name, nameof(options.MaxTransientRetries), options.MaxTransientRetries, 0, 30);
        CheckPositive(name, nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        CheckPositive(name, nameof(options.RetryMaxDelay), options.RetryMaxDelay);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            Fail(name, nameof(options.RetryMaxDelay), $"({options.RetryMaxDelay}) must not be less than {nameof(options.RetryBaseDelay)} ({options.RetryBaseDelay})");
        }

        CheckPositive(name, nameof(options.RequestTimeout), options.RequestTimeout);
        CheckPositive(name, nameof(options.TableReadyTimeout), options.TableReadyTimeout);
        CheckRange(name, nameof(options.JsonRoundTripFullChecks), options.JsonRoundTripFullChecks, 0, int.MaxValue);
        CheckPositive(name, nameof(options.JsonRoundTripSampleInterval), options.JsonRoundTripSampleInterval);
        if (!Enum.IsDefined(options.StateCompressionLevel))
        {
            Fail(name, nameof(options.StateCompressionLevel), $"({options.StateCompressionLevel}) must be Optimal, Fastest, SmallestSize or NoCompression");
        }
    }

    private static void CheckPositive(string name, string setting, long value)
    {
        if (value <= 0)
        {
            Fail(name, setting, $"({value}) must be greater than zero");
        }
    }

    private static void CheckPositive(string name, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Fail(name, setting, $"({value}) must be greater than zero");
        }
    }

    private static void CheckRange(string name, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Fail(name, setting, $"({value}) must be between {min} and {max}");
        }
    }

    private static void Fail(string name, string setting, string problem) =>
        throw new OrleansConfigurationException(
            $"DynamoDB grain storage '{name}' is misconfigured: {nameof(DynamoDbStorageOptions)}.{setting} {problem}.");

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
