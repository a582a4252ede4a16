using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrivateLending.Api.Tests.Webhooks;

/// <summary>One request as the receiver saw it: its path, the Standard Webhooks headers, the body and what it answered.</summary>
public sealed record ReceivedWebhook(string Path, IHeaderDictionary Headers, string Body, int Answered)
{
    public string Id => Headers["webhook-id"].ToString();
}

/// <summary>
/// A real HTTP receiver on loopback (Kestrel): records every request and answers each path from a script of status
/// codes (200 once the script is used up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{**path}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.BaseUrl = new Uri(receiver._app.Urls.Single());
        return receiver;
    }

    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    public void Answer(string path, params int[] statuses) => _scripts[path] = new ConcurrentQueue<int>(statuses);

    public IReadOnlyList<ReceivedWebhook> At(string path) => [.. _received.Where(r => r.Path == path)];

    /// <summary>Waits (up to 30 s) until <paramref name="path"/> has had <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (At(path).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} received {At(path).Count} of {count} webhook request(s).");
            }

            await Task.Delay(100);
        }

        return At(path);
    }

    private async Task<IResult> ReceiveAsync(string path, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var status = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next) ? next : 200;
        var headers = new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        _received.Enqueue(new ReceivedWebhook(path, headers, body, status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
