using System.Net;
using System.Net.Sockets;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to (server-side request forgery guard). Loopback, link-local (including
/// cloud metadata at 169.254.169.254), private, unique-local, unspecified, multicast, IETF protocol assignments
/// (192.0.0.0/24), benchmarking (198.18.0.0/15) and the like are refused unless allowed; checked on the URL at
/// registration and again on each resolved address at connect time. IPv6 forms that carry an IPv4 address
/// (IPv4-mapped and -compatible, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) are judged by that IPv4 address,
/// since a translator on the path delivers them there.
/// </summary>
public static class WebhookAddressRule
{
    /// <summary>True when a webhook may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } embedded)
        {
            address = embedded;
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

    /// <summary>The IPv4 address an IPv6 address stands for, or null when it carries none.</summary>
    internal static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        // IPv4-compatible (::a.b.c.d, deprecated but still parsed): twelve zero bytes; :: and ::1 are themselves.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        // NAT64 well-known prefix 64:ff9b::/96: the last four bytes.
        ReadOnlySpan<byte> nat64 = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
        if (b.AsSpan(0, 12).SequenceEqual(nat64))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        // 6to4 2002:AABB:CCDD::/48: the IPv4 address follows the 16-bit prefix.
        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }

    private static bool AllowedV4(byte[] b, bool allowPrivate)
    {
        if (b[0] == 0 || b[0] >= 224 || (b[0] == 169 && b[1] == 254)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && (b[1] & 0xFE) == 18))
        {
            // "This network", multicast, reserved, broadcast, link-local, IETF protocol assignments (NAT64 and
            // DS-Lite infrastructure among them) and benchmarking: never a webhook receiver.
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

        var b = address.GetAddressBytes();
        // Local-use NAT64 (64:ff9b:1::/48) translates into whatever networks its operator chose: private.
        var isLocalNat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01;
        var isUniqueLocal = (b[0] & 0xFE) == 0xFC;
        return !(isUniqueLocal || isLocalNat64) || allowPrivate;
    }
}
