using System.Net;
using System.Net.Sockets;

namespace PrivateLending.Api.Infrastructure.RateLimiting;

/// <summary>
/// The unit a per-address limit counts: an IPv4 address, or the /64 network of an IPv6 address. One IPv6 client
/// usually holds a whole /64 and can pick any address in it, so limiting the full address would let it rotate
/// past every limit. IPv4 clients on a dual-stack socket arrive as IPv4-mapped IPv6 and count as their IPv4 address.
/// </summary>
internal static class ClientNetwork
{
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The key of the connection's remote address.</summary>
    public static string Key(HttpContext context) => Key(context.Connection.RemoteIpAddress);
}
