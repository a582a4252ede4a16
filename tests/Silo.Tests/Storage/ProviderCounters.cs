using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// Listens to the storage meter while a test runs and sums each counter, and keeps each duration, for one provider
/// (the storage under test runs in this process).
/// </summary>
internal sealed class ProviderCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _durations = [];

    public ProviderCounters(string provider)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (HasProvider(tags, provider))
            {
                _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (HasProvider(tags, provider))
            {
                _durations.Add(value);
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of one counter, e.g. <c>privatelending.storage.conflicts</c>, since the listener started.</summary>
    public long Of(string counter) => _sums.GetValueOrDefault(counter);

    /// <summary>Every operation duration recorded (ms).</summary>
    public IReadOnlyCollection<double> Durations => _durations;

    public void Dispose() => _listener.Dispose();

    private static bool HasProvider(ReadOnlySpan<KeyValuePair<string, object?>> tags, string provider)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == StorageMetrics.ProviderTag && Equals(tag.Value, provider))
            {
                return true;
            }
        }

        return false;
    }
}
