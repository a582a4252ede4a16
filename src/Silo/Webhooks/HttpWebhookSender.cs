using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Webhooks;
using StandardWebhooks;

namespace PrivateLending.Silo.Webhooks;

/// <summary>
/// Sends webhooks over HTTP: a POST of the JSON body with the Standard Webhooks headers, one <c>v1,…</c> signature
/// per secret (space-separated), made by the StandardWebhooks library. Redirects are not followed (a 3xx is a
/// failed attempt) and the connection goes only to an address <see cref="WebhookAddressRule"/> allows.
/// </summary>
internal sealed class HttpWebhookSender(IHttpClientFactory clients) : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signatures = string.Join(' ', request.Secrets.Select(s => new StandardWebhook(s).Sign(request.MessageId, request.Timestamp, request.Body)));
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("webhook-id", request.MessageId);
        message.Headers.Add("webhook-timestamp", request.Timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add("webhook-signature", signatures);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookResponse((int)response.StatusCode, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, ex.InnerException is WebhookAddressRefusedException refused ? refused.Message : $"connection failed ({ex.HttpRequestError})");
        }
    }

    /// <summary>
    /// The connect-time half of the forgery guard: resolves the host and connects only to an allowed address, so a
    /// name that resolves (or is re-pointed) to a private or loopback address is refused at the socket.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, WebhookOptions options, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => WebhookAddressRule.IsAllowed(a, options.AllowLoopback, options.AllowPrivateNetworks)).ToList();
        if (allowed.Count == 0 || (WebhookAddressRule.IsLocalHostName(host) && !options.AllowLoopback))
        {
            throw new WebhookAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The target resolved only to addresses webhooks may not reach.</summary>
internal sealed class WebhookAddressRefusedException : IOException
{
    public WebhookAddressRefusedException()
        : base("refused: the address is loopback, link-local or private")
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
