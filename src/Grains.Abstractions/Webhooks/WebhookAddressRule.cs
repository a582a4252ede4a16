using System.Net;
using System.Net.Sockets;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to (server-side request forgery guard). Loopback, link-local (including
/// cloud metadata at 169.254.169.254), private, unique-local, unspecified, multicast and the like are refused unless
/// allowed; checked on the URL at registration and again on each resolved address at connect time.
/// </summary>
public static class WebhookAddressRule
{
    /// <summary>True when a webhook may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => AllowedV4(address.GetAddressBytes(), allowPrivate),
            AddressFamily.InterNetworkV6 => AllowedV6(address, allowPrivate),
            _ => false,
        };
    }

    /// <summary>True for a host name that always means this machine (refused like loopback).</summary>
    public static bool IsLocalHostName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static bool AllowedV4(byte[] b, bool allowPrivate)
    {
        if (b[0] == 0 || b[0] >= 224 || (b[0] == 169 && b[1] == 254))
        {
            // "This network", multicast, reserved, broadcast and link-local: never a webhook receiver.
            return false;
        }

        var isPrivate = b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
        return !isPrivate || allowPrivate;
    }

    private static bool AllowedV6(IPAddress address, bool allowPrivate)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv6SiteLocal)
        {
            return false;
        }

        var isUniqueLocal = (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
        return !isUniqueLocal || allowPrivate;
    }
}
