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
    /// A refused write or clear found the store gone back when it expected the ETag of this activation's last acknowledged
    /// write of the item and the stored item is an earlier write of the same activation. Any other refusal is ordinary:
    /// the grain held another version, or someone else wrote.
    /// </summary>
    private void CheckConflictForRegression(
        GrainStateKey key, string operation, Dictionary<string, AttributeValue>? stored, string? expectedETag, ActivationWrites? activation)
    {
        if (activation?.LastAcknowledged(_options.TableName, key.PartitionKey) is { } acknowledged
            && string.Equals(acknowledged.ETag, expectedETag, StringComparison.Ordinal))
        {
            CheckStoreWentBack(key, operation, stored, activation, acknowledged);
        }
    }

    /// <summary>
    /// Reports the store as gone back when <paramref name="stored"/> is a write of this activation numbered before
    /// <paramref name="acknowledged"/>, a write of the same item the store had acknowledged before the request was sent.
    /// </summary>
    private void CheckStoreWentBack(
        GrainStateKey key, string operation, Dictionary<string, AttributeValue>? stored, ActivationWrites? activation, AcknowledgedWrite? acknowledged)
    {
        if (activation is null || acknowledged is not { } newer || GrainStateWriter.Of(stored) is not { } older
            || !activation.Wrote(older) || older.Sequence >= newer.Sequence)
        {
            return;
        }

        StorageMetrics.Regressions.Add(1, _providerTag);
        LogStoreWentBack(
            _logger,
            _name,
            operation,
            newer.Sequence,
            key.StateName,
            key.GrainId,
            older.Sequence,
            GrainStateItem.GetString(stored, GrainStateItem.ETag) ?? "none",
            newer.ETag ?? "none (deleted)");
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
