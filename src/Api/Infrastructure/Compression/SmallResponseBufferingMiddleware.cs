using System.Buffers;

namespace PrivateLending.Api.Infrastructure.Compression;

/// <summary>
/// JSON results are streamed without a Content-Length, so compression could not tell small from large. This
/// holds back the first <see cref="CompressionSetup.MinimumBytes"/> bytes: a body that ends within them gets its
/// Content-Length (and so stays uncompressed); a longer one passes through. Flushes are held back too (JSON
/// writers flush at the end of every body), except for server-sent events, which must reach the client at once.
/// </summary>
internal sealed class SmallResponseBufferingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffering = new ThresholdStream(context.Response, original);
        context.Response.Body = buffering;
        try
        {
            await next(context);
            await buffering.CompleteAsync();
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    private sealed class ThresholdStream(HttpResponse response, Stream inner) : Stream
    {
        // Rented on the first write, so bodiless responses cost nothing; never larger than the threshold.
        private byte[]? _held;
        private int _heldCount;
        private bool _passThrough;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>The body ended: a small one goes out now with its length.</summary>
        public async Task CompleteAsync()
        {
            if (_passThrough || _heldCount == 0)
            {
                return;
            }

            if (!response.HasStarted && response.ContentLength is null)
            {
                response.ContentLength = _heldCount;
            }

            await ReleaseAsync(CancellationToken.None);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_passThrough && _heldCount + buffer.Length < CompressionSetup.MinimumBytes)
            {
                _held ??= ArrayPool<byte>.Shared.Rent(CompressionSetup.MinimumBytes);
                buffer.Span.CopyTo(_held.AsSpan(_heldCount));
                _heldCount += buffer.Length;
                return;
            }

            // Large enough to decide: what was held goes first, then this write as it is (never copied).
            await ReleaseAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (!_passThrough)
            {
                if (!IsEventStream())
                {
                    return;
                }

                await ReleaseAsync(cancellationToken);
            }

            await inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _held is not null)
            {
                ArrayPool<byte>.Shared.Return(_held);
                _held = null;
            }

            base.Dispose(disposing);
        }

        private bool IsEventStream() =>
            response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

        private async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            _passThrough = true;
            if (_heldCount > 0)
            {
                var count = _heldCount;
                _heldCount = 0;
                await inner.WriteAsync(_held.AsMemory(0, count), cancellationToken);
            }
        }
    }
}
