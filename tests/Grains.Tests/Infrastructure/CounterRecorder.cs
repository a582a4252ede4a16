using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// Sums the counters of one meter by instrument and the value of one tag, from its creation on (the test silo runs
/// in this process, so what it counts is heard here).
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Value), long> _sums = new();

    public CounterRecorder(string meterName, string tag)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tagged = null;
            foreach (var t in tags)
            {
                if (t.Key == tag)
                {
                    tagged = t.Value as string;
                }
            }

            _sums.AddOrUpdate((instrument.Name, tagged), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/> measurements tagged <paramref name="value"/> so far.</summary>
    public long Of(string instrument, string value) => _sums.GetValueOrDefault((instrument, value));

    public void Dispose() => _listener.Dispose();
}
