using Microsoft.Extensions.DependencyInjection;
using PrivateLending.Grains.Abstractions;

namespace PrivateLending.Grains.Live;

/// <summary>Silo wiring for the live funding streams.</summary>
public static class LiveStreamsSiloExtensions
{
    /// <summary>
    /// In-memory streams for funding changes. They are not durable (a dying silo can drop an event), which the
    /// state-based event contract tolerates; their pub-sub state goes to <see cref="StorageNames.PubSub"/>.
    /// </summary>
    public static ISiloBuilder AddPrivateLendingLiveStreams(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<ILoanLivePublisher, StreamLivePublisher>();
        return silo.AddMemoryStreams(StorageNames.Streams);
    }
}
