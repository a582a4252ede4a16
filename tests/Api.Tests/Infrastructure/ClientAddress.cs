using System.Net;
using System.Net.Sockets;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>
/// HTTP clients that connect from another loopback address (127.0.0.2, 127.0.0.3, ...), so the API sees requests
/// from several client IPs without trusting any forwarded header.
/// </summary>
public static class ClientAddress
{
    /// <summary>A client for <paramref name="baseAddress"/> whose connections come from 127.0.0.<paramref name="lastOctet"/>.</summary>
    public static TestApi From(Uri baseAddress, int lastOctet)
    {
        var local = new IPAddress([127, 0, 0, (byte)lastOctet]);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new TestApi(new HttpClient(handler) { BaseAddress = baseAddress });
    }
}
