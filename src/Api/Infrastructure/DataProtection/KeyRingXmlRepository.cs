using System.Collections.Immutable;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Api.Infrastructure.DataProtection;

/// <summary>
/// Keeps Data Protection keys in the key-ring grain (keyed by the application name), so every API instance
/// uses the same durable keys and bank details encrypted by one instance stay readable by all, across restarts.
/// Data Protection's repository contract is synchronous; it is called rarely (the key ring is cached and
/// refreshed about daily, or when an unknown key id shows up), so blocking on the grain call is acceptable.
/// </summary>
internal sealed class KeyRingXmlRepository(
    IClusterClient cluster,
    ClusterClientReadiness readiness,
    IOptions<DataProtectionSettings> settings) : IXmlRepository
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(2);
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
        // The first key-ring read can come before the client has connected (Data Protection warms up at start);
        // waiting here makes that ordering safe instead of failing the first read.
        if (!readiness.Connected.Wait(ConnectTimeout))
        {
            throw new InvalidOperationException("The Orleans client did not connect in time to load data-protection keys.");
        }

        var grain = cluster.GetGrain<IKeyRingGrain>(settings.Value.ApplicationName);
        return Task.Run(() => call(grain)).WaitAsync(CallTimeout).GetAwaiter().GetResult();
    }
}
