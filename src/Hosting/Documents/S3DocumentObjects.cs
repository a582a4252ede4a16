using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Hosting.Documents;

/// <summary>Document bytes in one S3 bucket, created on first use when missing and allowed to.</summary>
public sealed class S3DocumentObjects(IAmazonS3 s3, IOptions<DocumentStorageSettings> settings) : IDocumentObjects, IDisposable
{
    private readonly DocumentStorageSettings _settings = settings.Value;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    private string Bucket => _settings.Bucket!;

    public void Dispose() => _bucketGate.Dispose();

    public Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Guard(async () =>
        {
            await EnsureBucketAsync(cancellationToken);
            await s3.PutObjectAsync(Put(key, content, contentType), cancellationToken);
            return true;
        });
    }

    private PutObjectRequest Put(string key, Stream content, string contentType) => new()
    {
        BucketName = Bucket,
        Key = key,
        InputStream = content,
        ContentType = contentType,
        AutoCloseStream = false,
        // A seekable stream of known length goes as one plain signed body, which every S3 server reads.
        UseChunkEncoding = false,
    };

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default) => Guard<Stream?>(async () =>
    {
        try
        {
            var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    });

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        try
        {
            await s3.DeleteObjectAsync(Bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone (a bucket that vanished too): nothing left behind either way.
        }

        return true;
    });

    /// <summary>S3 not answering, or answering with an error, is storage being unavailable (503 with Retry-After), never a 500.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
                                       or TimeoutException or TaskCanceledException or InvalidOperationException)
        {
            throw new StorageUnavailableException("Document storage is unavailable.", TimeSpan.FromSeconds(5), ex);
        }
    }

    /// <summary>Answers when the bucket exists (making it first when allowed); the readiness check's probe.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketGate.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady)
            {
                if (!await BucketExistsAsync(cancellationToken))
                {
                    if (!_settings.CreateBucket)
                    {
                        throw new InvalidOperationException($"The documents bucket '{Bucket}' does not exist.");
                    }

                    await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
                }

                _bucketReady = true;
            }
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    /// <summary>The bucket's location: a call without side effects that every S3 server implements and that tells a missing bucket (404).</summary>
    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = Bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The object's body; disposing it releases the response (and its connection).</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
