using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

// The DynamoDB requests behind read, write and clear, and how their conditional failures become conflicts.
public sealed partial class DynamoDbGrainStorage
{
    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        // Consistent read: a grain re-activated right after a write on another silo must see that write.
        var request = new GetItemRequest { TableName = _options.TableName, Key = GrainStateItem.KeyOf(key), ConsistentRead = true };
        var response = await RunAsync("GetItem", ct => _client.GetItemAsync(request, ct), cancellationToken);
        var item = response.Item is { Count: > 0 } found ? found : null;
        if (item is not null && !BelongsTo(item, key))
        {
            // Only reachable through a SHA-256 collision on a hashed key or an item written by something else: never hand it to the grain.
            throw new InvalidOperationException($"DynamoDB item '{key.PartitionKey}' in table '{_options.TableName}' does not hold {Describe(key)}.");
        }

        return item;
    }

    /// <summary>The conditional put of a state's own item; returns the item it replaced when DynamoDB said (null if none or unknown).</summary>
    private async Task<Dictionary<string, AttributeValue>?> PutAsync(
        GrainStateKey key,
        Dictionary<string, AttributeValue> item,
        string? expectedETag,
        string newETag,
        ActivationWrites? activation,
        GrainStateWriter? writer,
        string operation,
        CancellationToken cancellationToken,
        bool returnOld = false)
    {
        var size = GrainStateItem.SizeOf(item);
        if (size > GrainStateItem.MaxItemBytes)
        {
            throw new GrainStateTooLargeException(key.GrainId, key.StateName, size, GrainStateItem.MaxItemBytes);
        }

        var (condition, names, values) = ConditionOn(expectedETag);
        var request = new PutItemRequest
        {
            TableName = _options.TableName,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            // The replaced item names the runs that are garbage once this put succeeds (returning it costs no write unit).
            ReturnValues = returnOld ? ReturnValue.ALL_OLD : ReturnValue.NONE,
        };

        try
        {
            var response = await RunAsync("PutItem", ct => _client.PutItemAsync(request, ct), cancellationToken);
            StorageMetrics.CountPut(size, _providerTag);
            return response.Attributes is { Count: > 0 } old ? old : null;
        }
        catch (ConditionalCheckFailedException ex)
        {
            var stored = await StoredItemAsync(key, ex, cancellationToken);
            if (stored.Known && string.Equals(GrainStateItem.GetString(stored.Item, GrainStateItem.ETag), newETag, StringComparison.Ordinal))
            {
                // The policy retried after a lost reply and the first attempt had been applied: the stored ETag is the one
                // this very call generated (ETags never repeat), so the write succeeded.
                return null;
            }

            throw Conflict(key, operation, stored, expectedETag, activation, writer);
        }
    }

    /// <summary>The conditional delete of a state's own item; returns the item deleted when DynamoDB said.</summary>
    private async Task<Dictionary<string, AttributeValue>?> DeleteAsync(
        GrainStateKey key, string? expectedETag, ActivationWrites? activation, GrainStateWriter? writer, CancellationToken cancellationToken)
    {
        // With no ETag the delete is conditional on absence: clearing unseen state would discard someone else's write.
        var (condition, names, values) = ConditionOn(expectedETag);
        var request = new DeleteItemRequest
        {
            TableName = _options.TableName,
            Key = GrainStateItem.KeyOf(key),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnValues = ReturnValue.ALL_OLD,
        };

        try
        {
            var response = await RunAsync("DeleteItem", ct => _client.DeleteItemAsync(request, ct), cancellationToken);
            StorageMetrics.WriteUnits.Add(1, _providerTag);
            return response.Attributes is { Count: > 0 } old ? old : null;
        }
        catch (ConditionalCheckFailedException ex)
        {
            // A retried delete whose first attempt was applied also lands here (the item is gone); a conflict is the safe answer.
            throw Conflict(key, "clear", await StoredItemAsync(key, ex, cancellationToken), expectedETag, activation, writer);
        }
    }

    private static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue>? Values) ConditionOn(string? expectedETag) =>
        expectedETag is null
            ? ("attribute_not_exists(#pk)", new() { ["#pk"] = GrainStateItem.PartitionKey }, null)
            : ("#etag = :etag", new() { ["#etag"] = GrainStateItem.ETag }, new() { [":etag"] = new AttributeValue { S = expectedETag } });

    /// <summary>The item stored now: from the failed request when DynamoDB returned the old item, else by a fresh read.</summary>
    private async Task<(bool Known, Dictionary<string, AttributeValue>? Item)> StoredItemAsync(
        GrainStateKey key, ConditionalCheckFailedException failure, CancellationToken cancellationToken)
    {
        if (failure.Item is { Count: > 0 } old)
        {
            return (true, old);
        }

        try
        {
            return (true, await GetItemAsync(key, cancellationToken));
        }
        catch (Exception ex) when (ex is StorageThrottledException or StorageUnavailableException)
        {
            return (false, null);
        }
    }

    // Exceptions that leave the silo carry no AWS exception inside: Orleans cannot serialise those to the caller.
    private InconsistentStateException Conflict(
        GrainStateKey key,
        string operation,
        (bool Known, Dictionary<string, AttributeValue>? Item) stored,
        string? expectedETag,
        ActivationWrites? activation,
        GrainStateWriter? ours)
    {
        StorageMetrics.Conflicts.Add(1, _providerTag);
        if (stored.Known)
        {
            CheckConflictForRegression(key, operation, stored.Item, expectedETag, activation);
        }

        var storedETag = GrainStateItem.GetString(stored.Item, GrainStateItem.ETag);
        var storedText = stored.Known ? storedETag ?? "none (no item)" : "unknown (could not be read)";
        // Both writers, so a conflict can be explained from the log alone: a late write of an earlier activation, a
        // second activation, or a write made from outside a grain.
        var storedWriter = !stored.Known ? "unknown" : GrainStateWriter.Of(stored.Item)?.ToString() ?? "not recorded";
        var storedAt = GrainStateItem.GetString(stored.Item, GrainStateItem.UpdatedAt) ?? "unknown";
        LogConflict(_logger, operation, key.StateName, key.GrainId, storedText, storedWriter, storedAt, expectedETag ?? "none", ours?.ToString() ?? "not a grain");
        return new InconsistentStateException(
            $"Refused {operation} of {Describe(key)} in DynamoDB table '{_options.TableName}': the grain holds ETag {expectedETag ?? "none"} " +
            $"but the stored ETag is {storedText} (written by {storedWriter} at {storedAt}; this write: {ours?.ToString() ?? "not a grain"}). " +
            "The stored state was left as it was.",
            storedETag,
            expectedETag);
    }

    private async Task<TResult> RunAsync<TResult>(string operation, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _policy.ExecuteAsync(operation, call, cancellationToken);
        }
        catch (ResourceNotFoundException ex)
        {
            // The table vanished after start-up (or start-up was skipped): nothing can succeed until an operator acts.
            throw new StorageUnavailableException(
                $"DynamoDB table '{_options.TableName}' used by grain storage '{_name}' does not exist ({ex.ErrorCode}).", TimeSpan.FromSeconds(30));
        }
    }

    private static bool BelongsTo(Dictionary<string, AttributeValue> item, GrainStateKey key) =>
        GrainStateItem.GetString(item, GrainStateItem.GrainId) == key.GrainId
        && GrainStateItem.GetString(item, GrainStateItem.StateName) == key.StateName
        && GrainStateItem.GetString(item, GrainStateItem.ServiceId) == key.ServiceId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Operation} of state {StateName} of grain {GrainId}: stored ETag {StoredETag} written by {StoredWriter} at {StoredAt}; " +
        "this write holds ETag {ExpectedETag}, by {Writer}")]
    private static partial void LogConflict(
        ILogger logger, string operation, string stateName, string grainId, string storedETag, string storedWriter, string storedAt, string expectedETag, string writer);
}
