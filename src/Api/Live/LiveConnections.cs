using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Live;

/// <summary>Counts open event streams per user on this instance and refuses one beyond the limit.</summary>
internal sealed class LiveConnections(IOptions<LiveSettings> settings)
{
    private readonly ConcurrentDictionary<Guid, int> _open = new();

    public int OpenFor(Guid userId) => _open.TryGetValue(userId, out var count) ? count : 0;

    /// <summary>A slot to give back when the stream ends, or null when the user already has the maximum open.</summary>
    public Slot? TryAcquire(Guid userId)
    {
        var limit = settings.Value.MaxConnectionsPerUser;
        while (true)
        {
            var current = OpenFor(userId);
            if (current >= limit)
            {
                return null;
            }

            var swapped = current == 0 ? _open.TryAdd(userId, 1) : _open.TryUpdate(userId, current + 1, current);
            if (swapped)
            {
                return new Slot(this, userId);
            }
        }
    }

    private void Release(Guid userId)
    {
        while (true)
        {
            var current = OpenFor(userId);
            if (current <= 1
                ? _open.TryRemove(new KeyValuePair<Guid, int>(userId, current))
                : _open.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    internal sealed class Slot(LiveConnections owner, Guid userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(userId);
            }
        }
    }
}
