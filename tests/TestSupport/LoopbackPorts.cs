using System.Net;
using System.Net.Sockets;

namespace PrivateLending.TestSupport;

/// <summary>Ports on 127.0.0.1 for processes that tests and benchmarks start.</summary>
public static class LoopbackPorts
{
    /// <summary>A port free right now (the OS picks it; another process could still take it before use).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
