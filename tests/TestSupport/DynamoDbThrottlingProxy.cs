using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PrivateLending.TestSupport;

/// <summary>
/// An HTTP proxy in front of a local DynamoDB that forwards every request unchanged, or, while
/// <see cref="Throttle"/> names an operation, answers it the way DynamoDB does when capacity runs out:
/// HTTP 400 with a <c>ProvisionedThroughputExceededException</c> body (only for the tables in
/// <see cref="ThrottleTables"/> when that is set), or, while <see cref="Stall"/> is set, does not answer at all. Local DynamoDB never throttles, so this is how a test drives real throttling (and a hung
/// connection) through the real SDK, the silo's retry policy, Orleans and the API.
/// </summary>
public sealed class DynamoDbThrottlingProxy : IAsyncDisposable
{
    private const string ThrottleBody =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\"," +
        "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";

    // Hop-by-hop and framing headers the listener and HttpClient set themselves.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpListener _listener;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _throttled = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private volatile string[] _throttle = [];
    private volatile string[] _throttleTables = [];

    private DynamoDbThrottlingProxy(HttpListener listener, int port, Uri target)
    {
        _listener = listener;
        _target = target;
        ServiceUrl = $"http://127.0.0.1:{port}";
        _upstream = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The endpoint to give an SDK client instead of the server's.</summary>
    public string ServiceUrl { get; }

    /// <summary>
    /// DynamoDB operations (the part of <c>X-Amz-Target</c> after the dot, e.g. <c>GetItem</c>, <c>PutItem</c>) to
    /// refuse as throttled; empty forwards everything.
    /// </summary>
    public IReadOnlyCollection<string> Throttle
    {
        get => _throttle;
        set => _throttle = [.. value];
    }

    /// <summary>
    /// Narrows <see cref="Throttle"/> to requests whose body names one of these tables, in its top-level
    /// <c>TableName</c> or, for batch operations, among the keys of <c>RequestItems</c>; empty (the default) refuses
    /// the operations whatever the table.
    /// </summary>
    public IReadOnlyCollection<string> ThrottleTables
    {
        get => _throttleTables;
        set => _throttleTables = [.. value];
    }

    /// <summary>
    /// While true, requests get no answer, as when the network to DynamoDB drops packets; when it ends, the requests
    /// held so far are dropped (the connection is reset), never delivered late.
    /// </summary>
    public bool Stall { get; set; }

    /// <summary>How many requests of each operation were answered as throttled.</summary>
    public IReadOnlyDictionary<string, int> ThrottledCounts => new Dictionary<string, int>(_throttled, StringComparer.Ordinal);

    /// <summary>Starts a proxy on a free loopback port forwarding to <paramref name="serviceUrl"/>.</summary>
    public static DynamoDbThrottlingProxy Start(string serviceUrl)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new DynamoDbThrottlingProxy(listener, port, new Uri(serviceUrl));
            }
            catch (HttpListenerException) when (attempt < 4)
            {
                listener.Close(); // Lost the race for the port; try another.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener is closing.
        }

        _upstream.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            if (Stall)
            {
                while (Stall && !_stopping.IsCancellationRequested)
                {
                    await Task.Delay(50, _stopping.Token);
                }

                context.Response.Abort();
                return;
            }

            var target = context.Request.Headers["X-Amz-Target"] ?? "";
            var operation = target[(target.LastIndexOf('.') + 1)..];
            var body = await ReadBodyAsync(context.Request);
            if (Array.IndexOf(_throttle, operation) >= 0 && NamesThrottledTable(body))
            {
                _throttled.AddOrUpdate(operation, 1, (_, count) => count + 1);
                await WriteAsync(context.Response, 400, "application/x-amz-json-1.0", Encoding.UTF8.GetBytes(ThrottleBody));
                return;
            }

            await ForwardAsync(context, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or HttpListenerException or OperationCanceledException)
        {
            // Upstream unreachable or the caller went away: drop the connection, as an unreachable server would.
            context.Response.Abort();
        }
    }

    private bool NamesThrottledTable(byte[] body)
    {
        var tables = _throttleTables;
        if (tables.Length == 0)
        {
            return true;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("TableName", out var name) && name.ValueKind == JsonValueKind.String)
            {
                return Array.IndexOf(tables, name.GetString()) >= 0;
            }

            return root.TryGetProperty("RequestItems", out var items) && items.ValueKind == JsonValueKind.Object
                && items.EnumerateObject().Any(table => Array.IndexOf(tables, table.Name) >= 0);
        }
        catch (JsonException)
        {
            return false; // Not a DynamoDB JSON request: forwarded as it is.
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl))
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(name => !SkippedHeaders.Contains(name)))
        {
            var value = context.Request.Headers[name];
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _upstream.SendAsync(request, _stopping.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(_stopping.Token);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!SkippedHeaders.Contains(name) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = string.Join(",", values);
            }
        }

        await WriteAsync(context.Response, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
    }

    private async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body, _stopping.Token);
        return body.ToArray();
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string? contentType, byte[] body)
    {
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
