using System.Collections.Concurrent;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>Records what the test silo would send and answers each URL from a script (200 when the script is empty).</summary>
public sealed class TestWebhookSender : IWebhookSender
{
    public static TestWebhookSender Instance { get; } = new();

    private readonly ConcurrentQueue<WebhookRequest> _sent = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();

    /// <summary>The next answers for <paramref name="url"/>, in order.</summary>
    public void Answer(string url, params int[] statuses) =>
        _scripts[url] = new ConcurrentQueue<int>(statuses);

    public IReadOnlyList<WebhookRequest> SentTo(string url) => [.. _sent.Where(r => r.Url.AbsoluteUri == url)];

    public Task<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        _sent.Enqueue(request);
        var status = _scripts.TryGetValue(request.Url.AbsoluteUri, out var script) && script.TryDequeue(out var next) ? next : 200;
        return Task.FromResult(new WebhookResponse(status, null));
    }
}
