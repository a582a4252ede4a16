using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PrivateLending.Grains.Abstractions.Security;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// Keeps a host's Data Protection keys in its key-ring grain (the API's keyed by the application name, the silos' by
/// their own ring), so every instance reads the same durable keys and what one protects stays readable by all, across
/// restarts. The repository contract is synchronous and called rarely (the ring is cached and refreshed about daily,
/// or when an unknown key id shows up), so the grain call runs on the thread pool and is waited for, never on a
/// grain's own scheduler.
/// </summary>
/// <param name="keyRing">The key-ring grain's key.</param>
internal sealed class KeyRingXmlRepository(IGrainFactory grains, IKeyRingReadiness readiness, string keyRing) : IXmlRepository
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var entries = Call(grain => grain.GetAllAsync());
        return entries.IsDefaultOrEmpty ? [] : entries.Select(entry => XElement.Parse(entry.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var entry = new KeyRingEntry(friendlyName, element.ToString(SaveOptions.DisableFormatting));
        Call(async grain =>
        {
            await grain.StoreAsync(entry);
            return true;
        });
    }

    private T Call<T>(Func<IKeyRingGrain, Task<T>> call)
    {
        // Data Protection warms its ring up while the host starts, possibly before grains can be called.
        readiness.EnsureReady();
        var grain = grains.GetGrain<IKeyRingGrain>(keyRing);
        return Task.Run(() => call(grain)).WaitAsync(CallTimeout).GetAwaiter().GetResult();
    }
}
