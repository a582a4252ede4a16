using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Clustering;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Clustering;

/// <summary>Defunct-entry cleanup and the one place membership writes meet DynamoDB's item size limit.</summary>
public sealed partial class DynamoDbMembershipTable
{
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CountThrottlesAsync(CleanupDefunctSiloEntriesAsync(beforeDate));

    /// <summary>
    /// Orleans' contract: removes the <b>Dead</b> entries whose last update (start, I-am-alive or latest suspicion
    /// vote) is before <paramref name="beforeDate"/>, exclusive. Orleans derives the date from
    /// <c>DefunctSiloExpiration</c>, <c>MaxDefunctSiloEntries</c> (the newest entry to drop, plus one tick) and
    /// <c>DefunctSiloMinimumRetention</c>, so it is applied to the tick and nothing else is removed: a silo that is
    /// still joining or shutting down keeps its entry however old its times are.
    /// </summary>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var table = await ReadAllAsync(cancellationToken);
        foreach (var (entry, etag) in table.Members)
        {
            if (entry.Status != SiloStatus.Dead || LastUpdate(entry) >= beforeDate)
            {
                continue;
            }

            var silo = MembershipItem.SiloKey(entry.SiloAddress);
            try
            {
                // Conditional on the ETag read, so an entry that changed meanwhile is kept. The version is not bumped:
                // removing a long-dead silo changes nothing any other silo acts on.
                await _client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = Table,
                    Key = MembershipItem.Key(_clusterId),
                    UpdateExpression = "REMOVE #Members.#silo, #Alive.#silo",
                    ConditionExpression = "#Members.#silo.#ETag = :etag",
                    ExpressionAttributeNames = Names(silo, MembershipItem.Members, MembershipItem.Alive, MembershipItem.ETag),
                    ExpressionAttributeValues = new() { [":etag"] = new AttributeValue(etag) },
                }, cancellationToken);
                // Not atomic with the removal: a crash in between leaves a heartbeat item no read asks for.
                await _heartbeats.DeleteAsync(entry.SiloAddress, cancellationToken);
                LogRemovedDefunct(_logger, entry.SiloAddress, entry.Status, _clusterId);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }
    }

    /// <summary>The latest of the entry's start, I-am-alive and suspicion-vote times: declaring a silo dead adds a vote.</summary>
    internal static DateTimeOffset LastUpdate(MembershipEntry entry)
    {
        var last = Utc(entry.StartTime) > Utc(entry.IAmAliveTime) ? Utc(entry.StartTime) : Utc(entry.IAmAliveTime);
        foreach (var vote in entry.SuspectTimes ?? [])
        {
            if (Utc(vote.Item2) > last)
            {
                last = Utc(vote.Item2);
            }
        }

        return new DateTimeOffset(last);
    }

    /// <summary>
    /// One conditional update of the cluster's item. DynamoDB refuses a write that would make the item pass 400 KB
    /// with a generic validation error; that becomes <see cref="MembershipItemTooLargeException"/>, logged, so the
    /// cause (too many entries kept, see docs/clustering.md "Limits") is visible without the AWS exception.
    /// </summary>
    private async Task UpdateAsync(SiloAddress silo, UpdateItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _client.UpdateItemAsync(request, cancellationToken);
        }
        catch (AmazonDynamoDBException ex) when (IsItemTooLarge(ex))
        {
            LogItemTooLarge(_logger, silo, _clusterId, Table, ex.Message);
            throw new MembershipItemTooLargeException(
                $"The membership write for silo {silo} was refused: the item of cluster '{_clusterId}' in table '{Table}' would pass DynamoDB's " +
                $"400 KB item limit ({ex.ErrorCode}: {ex.Message}). Nothing was written. The item holds every entry not yet cleaned up, Dead ones " +
                "included: lower ClusterMembershipOptions.MaxDefunctSiloEntries or DefunctSiloExpiration (docs/clustering.md, \"Limits\").");
        }
    }

    // Orleans calls the interface methods; DynamoDB refusing them for capacity counts with grain storage's throttles.
    private static async Task CountThrottlesAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (StorageMetrics.CountThrottle(ex, StorageMetrics.ClusteringProvider))
        {
            throw;
        }
    }

    private static async Task<T> CountThrottlesAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (StorageMetrics.CountThrottle(ex, StorageMetrics.ClusteringProvider))
        {
            throw;
        }
    }

    private static bool IsItemTooLarge(AmazonDynamoDBException exception) =>
        exception.ErrorCode == "ValidationException" && exception.Message.Contains("size", StringComparison.OrdinalIgnoreCase);

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed defunct silo {Silo} ({Status}) from cluster {ClusterId}")]
    private static partial void LogRemovedDefunct(ILogger logger, SiloAddress silo, SiloStatus status, string clusterId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Membership write for silo {Silo} refused: the item of cluster {ClusterId} in table {Table} would pass DynamoDB's 400 KB item limit ({Error})")]
    private static partial void LogItemTooLarge(ILogger logger, SiloAddress silo, string clusterId, string table, string error);
}
