using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Infrastructure.Json;

/// <summary>
/// Sends a 200 JSON body serialised with the HTTP JSON options (hot paths). The body goes into a pooled buffer
/// first, so the response carries a Content-Length and leaves in one write: no chunk framing, no separate final
/// chunk, nothing for the small-response buffering to hold back. The buffer's writer escapes and lays out text as
/// the framework's own JSON results do (the options' encoder, ASP.NET Core's relaxed one).
/// </summary>
internal sealed class JsonBodyWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>A buffer that grew past this (an unusually large page) is dropped instead of being kept.</summary>
    private const int MaxRetainedBytes = 256 * 1024;

    private readonly ObjectPool<Buffer> _pool;
    private readonly JsonSerializerOptions _options;

    public JsonBodyWriter(IOptions<JsonOptions> options)
    {
        var json = options.Value.SerializerOptions;
        _options = json;
        var writerOptions = new JsonWriterOptions
        {
            Encoder = json.Encoder,
            Indented = json.WriteIndented,
            IndentCharacter = json.IndentCharacter,
            IndentSize = json.IndentSize,
            NewLine = json.NewLine,
        };
        _pool = new DefaultObjectPool<Buffer>(new BufferPolicy(writerOptions), maximumRetained: Environment.ProcessorCount * 8);
    }

    public async Task WriteAsync<T>(HttpContext context, T value)
    {
        var buffer = _pool.Get();
        try
        {
            buffer.Json.Reset(buffer.Bytes);
            // The options cache the type's metadata: the generated code when the source-generated context lists T.
            JsonSerializer.Serialize(buffer.Json, value, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)));
            buffer.Json.Flush();

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = buffer.Bytes.WrittenCount;
            await response.Body.WriteAsync(buffer.Bytes.WrittenMemory, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; as for the framework's JSON results, that is not an error.
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    private sealed class Buffer(JsonWriterOptions options)
    {
        public ArrayBufferWriter<byte> Bytes { get; } = new(16 * 1024);

        public Utf8JsonWriter Json { get; } = new(Stream.Null, options);
    }

    private sealed class BufferPolicy(JsonWriterOptions options) : PooledObjectPolicy<Buffer>
    {
        public override Buffer Create() => new(options);

        public override bool Return(Buffer obj)
        {
            obj.Bytes.ResetWrittenCount();
            return obj.Bytes.Capacity <= MaxRetainedBytes;
        }
    }
}
