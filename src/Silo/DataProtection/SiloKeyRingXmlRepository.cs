using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Silo.DataProtection;

/// <summary>
/// Keeps the silos' Data Protection keys (they protect webhook signing secrets) in their own key-ring grain, so
/// every silo reads the same durable keys. The repository contract is synchronous and called rarely (the ring is
/// cached and refreshed about daily), so the grain call runs on the thread pool and is waited for, never on a
/// grain's own scheduler.
/// </summary>
internal sealed class SiloKeyRingXmlRepository(
    IGrainFactory grains,
    SiloReadiness readiness,
    IOptions<DataProtectionSettings> settings) : IXmlRepository
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
        // Data Protection warms its ring up while the host starts; before the silo is active no grain answers, and
        // waiting would hold up the start. The first protect or unprotect after start loads it instead.
        if (!readiness.IsActive)
        {
            throw new InvalidOperationException("The silo has not started yet; data-protection keys load on first use.");
        }

        var grain = grains.GetGrain<IKeyRingGrain>(settings.Value.SiloKeyRing);
        return Task.Run(() => call(grain)).WaitAsync(CallTimeout).GetAwaiter().GetResult();
    }
}

/// <summary>Whether the silo has reached its active stage (grains can be called).</summary>
internal sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _active;

    public bool IsActive => _active;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active, _ =>
        {
            _active = true;
            return Task.CompletedTask;
        }, _ =>
        {
            _active = false;
            return Task.CompletedTask;
        });
}
