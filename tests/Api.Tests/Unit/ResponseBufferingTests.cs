using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using PrivateLending.Api.Infrastructure.Compression;

namespace PrivateLending.Api.Tests.Unit;

public sealed class ResponseBufferingTests
{
    [Fact]
    public async Task SmallBody_IsHeldBackAndSentOnceWithItsLength()
    {
        var (context, sink) = Context();
        var middleware = new SmallResponseBufferingMiddleware(async http =>
        {
            await http.Response.Body.WriteAsync("{\"status\":"u8.ToArray());
            await http.Response.Body.WriteAsync("\"live\"}"u8.ToArray());
            await http.Response.Body.FlushAsync();
        });

        await middleware.InvokeAsync(context);

        Assert.Equal(17, context.Response.ContentLength);
        Assert.Equal(["{\"status\":\"live\"}"], sink.Writes.Select(w => w.Text));
    }

    [Fact]
    public async Task LargeWrite_PassesThroughUncopiedAfterWhatWasHeld()
    {
        var (context, sink) = Context();
        var large = Encoding.UTF8.GetBytes(new string('x', 20_000));
        var middleware = new SmallResponseBufferingMiddleware(async http =>
        {
            await http.Response.Body.WriteAsync("[\""u8.ToArray());
            await http.Response.Body.WriteAsync(large);
            await http.Response.Body.WriteAsync("\"]"u8.ToArray());
        });

        await middleware.InvokeAsync(context);

        Assert.Null(context.Response.ContentLength);
        Assert.Equal(["[\"", new string('x', 20_000), "\"]"], sink.Writes.Select(w => w.Text));
        Assert.True(MemoryMarshal.TryGetArray(sink.Writes[1].Memory, out var segment));
        Assert.Same(large, segment.Array);
    }

    private static (DefaultHttpContext Context, RecordingStream Sink) Context()
    {
        var sink = new RecordingStream();
        var context = new DefaultHttpContext();
        context.Response.Body = sink;
        return (context, sink);
    }

    private sealed class RecordingStream : Stream
    {
        public List<(ReadOnlyMemory<byte> Memory, string Text)> Writes { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add((buffer, Encoding.UTF8.GetString(buffer.Span)));
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
