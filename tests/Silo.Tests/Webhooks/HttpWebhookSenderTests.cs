using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivateLending.Grains.Webhooks;
using PrivateLending.Silo.Webhooks;

namespace PrivateLending.Silo.Tests.Webhooks;

/// <summary>
/// The silo's webhook sender as wired in production: the connect-time half of the forgery guard (a host name that
/// resolves to loopback is refused at the socket), signatures, and no redirects followed.
/// </summary>
public sealed class HttpWebhookSenderTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public HttpWebhookSenderTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task SendAsync_NameResolvingToLoopbackNotAllowed_RefusedBeforeConnecting()
    {
        var sender = Sender(allowLoopback: false);

        // "localhost" passes no literal-address check: only the resolved address can refuse it.
        var response = await sender.SendAsync(Request($"http://localhost:{Port}/hook"), CancellationToken.None);

        Assert.Null(response.StatusCode);
        Assert.StartsWith("refused", response.Error, StringComparison.Ordinal);
        Assert.False(_listener.Pending(), "nothing may connect to a refused address");
    }

    [Fact]
    public async Task SendAsync_LoopbackAllowed_PostsSignedRequestAndDoesNotFollowRedirect()
    {
        var sender = Sender(allowLoopback: true);
        var serve = ServeOnceAsync("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var response = await sender.SendAsync(Request($"http://127.0.0.1:{Port}/hook"), CancellationToken.None);
        var request = await serve;

        Assert.Equal(302, response.StatusCode);
        Assert.StartsWith("POST /hook HTTP/1.1", request, StringComparison.Ordinal);
        Assert.Contains("webhook-id: msg_1", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("webhook-signature: v1,", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("{\"type\":\"loan.created\"}", request, StringComparison.Ordinal);
    }

    private static IWebhookSender Sender(bool allowLoopback)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = allowLoopback ? "true" : "false" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddPrivateLendingWebhooks();
        return services.BuildServiceProvider().GetRequiredService<IWebhookSender>();
    }

    private static WebhookRequest Request(string url) =>
        new(new Uri(url), "msg_1", DateTimeOffset.UtcNow, "{\"type\":\"loan.created\"}", ["whsec_" + Convert.ToBase64String(new byte[32])]);

    /// <summary>Accepts one connection, reads the request, answers <paramref name="answer"/>, and returns what was read.</summary>
    private async Task<string> ServeOnceAsync(string answer)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var read = 0;
        var text = "";
        while (!text.Contains("loan.created", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
            text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }

        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer));
        return text;
    }

    public void Dispose() => _listener.Stop();
}
