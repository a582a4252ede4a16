using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace PrivateLending.Silo.Storage;

// Noticing a store that went back: it answered with an item older than a write it had acknowledged to this activation.
// Only the activation's own writes are compared (kept in memory with it), so this costs no request.
public sealed partial class DynamoDbGrainStorage
{
    private void Acknowledged(GrainStateKey key, ActivationWrites? activation, GrainStateWriter? writer, string? eTag)
    {
        if (activation is not null && writer is { } w)
        {
            activation.Acknowledge(_options.TableName, key.PartitionKey, eTag, w.Sequence);
        }
    }

    /// <summary>
    /// Reports the store as gone back when <paramref name="stored"/> was written by this activation before a write of the
    /// same item that the store acknowledged. For a refused write or clear (<paramref name="conflict"/>), only when the
    /// write expected that acknowledged write's ETag: otherwise the grain held another version and the refusal is ordinary.
    /// </summary>
    private void CheckStoreWentBack(
        GrainStateKey key, string operation, Dictionary<string, AttributeValue>? stored, ActivationWrites? activation, string? expectedETag = null, bool conflict = true)
    {
        if (activation?.NewerAcknowledgedThan(_options.TableName, key.PartitionKey, GrainStateWriter.Of(stored)) is not { } acknowledged
            || (conflict && !string.Equals(acknowledged.ETag, expectedETag, StringComparison.Ordinal)))
        {
            return;
        }

        StorageMetrics.Regressions.Add(1, _providerTag);
        LogStoreWentBack(
            _logger,
            _name,
            operation,
            acknowledged.Sequence,
            key.StateName,
            key.GrainId,
            GrainStateWriter.Of(stored)?.Sequence ?? 0,
            GrainStateItem.GetString(stored, GrainStateItem.ETag) ?? "none",
            acknowledged.ETag ?? "none (deleted)");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage {Provider} returned an older version than this activation's acknowledged write #{AcknowledgedSequence} " +
        "on {Operation} of state {StateName} of grain {GrainId}: the stored item is its write #{StoredSequence} (ETag {StoredETag}), the acknowledged " +
        "write left ETag {AcknowledgedETag}. The store lost an acknowledged write")]
    private static partial void LogStoreWentBack(
        ILogger logger,
        string provider,
        string operation,
        long acknowledgedSequence,
        string stateName,
        string grainId,
        long storedSequence,
        string storedETag,
        string acknowledgedETag);
}
