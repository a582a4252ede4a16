using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PrivateLending.Clustering;

/// <summary>
/// Logs membership entries a read had to skip: an Error the first time an entry fails in a given way, Debug on the
/// reads after it (the table is read every few seconds, and the entry stays until its silo rewrites it or it is
/// cleaned up).
/// </summary>
public sealed partial class UnreadableEntryLog(ILogger logger, string clusterId)
{
    private const int MaxRemembered = 1000;

    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);

    public void Report(string silo, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var key = $"{silo}\n{exception.GetType().FullName}\n{exception.Message}";
        if (_reported.Count >= MaxRemembered)
        {
            _reported.Clear(); // bounded memory; an entry still unreadable is reported once more
        }

        if (_reported.TryAdd(key, 0))
        {
            LogSkipped(logger, silo, clusterId, exception);
        }
        else
        {
            LogSkippedAgain(logger, silo, clusterId, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped the membership entry of silo {Silo} in cluster {ClusterId}: it cannot be read by this version; the other entries are used")]
    private static partial void LogSkipped(ILogger logger, string silo, string clusterId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped the unreadable membership entry of silo {Silo} in cluster {ClusterId} again: {Error}")]
    private static partial void LogSkippedAgain(ILogger logger, string silo, string clusterId, string error);
}
