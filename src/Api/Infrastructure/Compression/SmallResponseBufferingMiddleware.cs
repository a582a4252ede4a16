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
        private readonly MemoryStream _buffer = new();
        private bool _passThrough;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>The body ended: a small one goes out now with its length.</summary>
        public async Task CompleteAsync()
        {
            if (_passThrough || _buffer.Length == 0)
            {
                return;
            }

            if (!response.HasStarted && response.ContentLength is null)
            {
                response.ContentLength = _buffer.Length;
            }

            await ReleaseAsync(CancellationToken.None);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passThrough)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            _buffer.Write(buffer.Span);
            if (_buffer.Length >= CompressionSetup.MinimumBytes)
            {
                await ReleaseAsync(cancellationToken);
            }
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
            if (disposing)
            {
                _buffer.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool IsEventStream() =>
            response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

        private async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            _passThrough = true;
            if (_buffer.Length > 0)
            {
                await inner.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
                _buffer.SetLength(0);
            }
        }
    }
}
