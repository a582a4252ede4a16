using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace PrivateLending.Api.Live;

/// <summary>
/// Writes the text/event-stream format and flushes after every item. Hand-written because the framework's
/// server-sent-events result cannot send the comment lines used as heartbeats.
/// </summary>
internal sealed class SseWriter(HttpResponse response, JsonSerializerOptions json)
{
    public const string MediaType = "text/event-stream";

    /// <summary>Sends the headers (and a reconnect delay for EventSource), unbuffered and uncompressed.</summary>
    public async Task StartAsync(TimeSpan retry, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        response.Headers.CacheControl = "no-cache, no-store";
        // Tells reverse proxies (nginx and alike) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        // Turns response compression off for this response: a compressor would hold events back.
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteAsync($"retry: {(long)retry.TotalMilliseconds}\n\n", cancellationToken);
    }

    public Task WriteEventAsync<T>(string type, long? id, T data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(256).Append("event: ").Append(type).Append('\n');
        if (id is { } value)
        {
            text.Append("id: ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // Compact JSON escapes line breaks inside strings, so the payload is always one data line.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, json)).Append("\n\n");
        return WriteAsync(text.ToString(), cancellationToken);
    }

    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) =>
        WriteAsync($": {comment}\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
