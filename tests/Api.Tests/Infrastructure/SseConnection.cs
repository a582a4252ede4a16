using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>One server-sent event as received: its type, id, data, or a comment line.</summary>
public sealed record SseEvent(string Type, string? Id, string Data, bool IsComment = false)
{
    public JsonNode Json => JsonNode.Parse(Data) ?? throw new InvalidOperationException("Empty event data.");
}

/// <summary>An open text/event-stream response read event by event, as an EventSource would.</summary>
public sealed class SseConnection : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseConnection(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream; the response is returned as it is (status and headers) even when it is an error.</summary>
    public static async Task<SseConnection> OpenAsync(
        HttpClient http, string path, string? token = null, string? lastEventId = null, string? acceptEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseConnection(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (comments skipped unless asked for); fails the test after <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout, bool comments = false)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? type = null, id = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No event within {timeout}.");
            }

            if (line is null)
            {
                throw new EndOfStreamException("The event stream ended.");
            }

            if (line.Length == 0)
            {
                if (type is not null || data.Count > 0)
                {
                    return new SseEvent(type ?? "message", id, string.Join('\n', data));
                }

                continue;
            }

            if (line[0] == ':')
            {
                if (comments)
                {
                    return new SseEvent("comment", null, line[1..].Trim(), IsComment: true);
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data.Add(value); break;
                default: break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
